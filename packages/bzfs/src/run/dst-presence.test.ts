import { describe, expect, it } from '@jest/globals';
import { DstPresence } from './dst-presence.js';

function presence(listed: string[], covered: (ds: string) => boolean) {
  const asked: string[] = [];
  const p = new DstPresence(new Set(listed), covered, (ds) => {
    asked.push(ds);
    return Promise.resolve(ds === 'pool/dst/partial');
  });
  return { p, asked };
}

const underDst = (ds: string) => ds === 'pool/dst' || ds.startsWith('pool/dst/');

describe('DstPresence', () => {
  it('answers from the listing where it covers the name, without asking zfs', async () => {
    const { p, asked } = presence(['pool/dst', 'pool/dst/a'], underDst);
    expect(await p.exists('pool/dst/a')).toBe(true);
    expect(await p.exists('pool/dst/b')).toBe(false);
    expect(p.knownNow('pool/other')).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('asks zfs once per name the listing does not cover', async () => {
    const { p, asked } = presence([], underDst);
    await Promise.all([p.exists('pool/other'), p.exists('pool/other')]);
    await p.exists('pool/other');
    expect(asked).toEqual(['pool/other']);
  });

  it('a dataset this run created exists; after an uncertain change zfs is asked again', async () => {
    const { p, asked } = presence([], underDst);
    p.created('pool/dst/new');
    expect(await p.exists('pool/dst/new')).toBe(true);
    p.uncertain('pool/dst/partial');
    expect(p.knownNow('pool/dst/partial')).toBeUndefined();
    expect(await p.exists('pool/dst/partial')).toBe(true);
    expect(asked).toEqual(['pool/dst/partial']);
  });

  it('a dataset this run destroyed does not exist, whatever the listing said, and zfs is not asked', async () => {
    const { p, asked } = presence(['pool/dst', 'pool/dst/a'], underDst);
    p.destroyed('pool/dst/a');
    expect(await p.exists('pool/dst/a')).toBe(false);
    expect(await p.exists('pool/dst')).toBe(true);
    expect(asked).toEqual([]);
  });
});
