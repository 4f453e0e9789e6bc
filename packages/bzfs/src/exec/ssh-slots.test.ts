import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { endpointKey, isStreamLeg, pickSlot, socketPath } from './ssh-slots.js';

describe('endpointKey and socketPath', () => {
  const key = endpointKey({ host: 'h', user: 'u', port: 22, configFile: '/etc/bzfs_ssh_config' }, 'ssh');

  it('every part of the endpoint, and the ssh program, makes a different socket', () => {
    const keys = [
      key,
      endpointKey({ host: 'h', user: 'u', port: 22 }, 'ssh'),
      endpointKey({ host: 'h', user: 'v', port: 22, configFile: '/etc/bzfs_ssh_config' }, 'ssh'),
      endpointKey({ host: 'h', user: 'u', port: 2222, configFile: '/etc/bzfs_ssh_config' }, 'ssh'),
      endpointKey({ host: 'g', user: 'u', port: 22, configFile: '/etc/bzfs_ssh_config' }, 'ssh'),
      endpointKey({ host: 'h', user: 'u', port: 22, configFile: '/etc/bzfs_ssh_config' }, 'hpnssh'),
    ];
    const paths = keys.map((k) => socketPath('/home/u/.ssh/bzfs', k, 0));
    expect(new Set(paths).size).toBe(keys.length);
  });

  it('one name per endpoint and slot: fixed length, only base64url characters after the dir', () => {
    const p0 = socketPath('/home/u/.ssh/bzfs', key, 0)!;
    expect(p0).toBe(socketPath('/home/u/.ssh/bzfs', key, 0));
    expect(p0).toMatch(/^\/home\/u\/\.ssh\/bzfs\/[A-Za-z0-9_-]{22}\.0$/);
    expect(socketPath('/home/u/.ssh/bzfs', key, 1)).toBe(p0.replace(/\.0$/, '.1'));
  });

  it('a host name that looks like a path or shell syntax stays out of the path', () => {
    const p = socketPath('/d', endpointKey({ host: '../../x;rm' }, 'ssh'), 0)!;
    expect(p).toMatch(/^\/d\/[A-Za-z0-9_-]{22}\.0$/);
  });

  it('undefined when the directory is too long for a unix socket (ssh adds 17 characters)', () => {
    expect(socketPath(`/${'a'.repeat(64)}`, key, 0)).toHaveLength(90);
    expect(socketPath(`/${'a'.repeat(65)}`, key, 0)).toBeUndefined();
  });
});

describe('pickSlot', () => {
  it.each([
    [[], 8, 0],
    [[7], 8, 0],
    [[8], 8, 1],
    [[8, 3], 8, 1],
    [[8, 8], 8, 2],
    [[8, 2, 8], 8, 1],
    [[1], 1, 1],
    [[0, 1], 1, 0],
  ])('sessions %j, max %i → slot %i', (sessions, max, slot) => {
    expect(pickSlot(sessions, max)).toBe(slot);
  });

  it('property: the slot has room (or is new), and every earlier slot is full', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10)), fc.integer({ min: 1, max: 10 }), (sessions, max) => {
        const s = pickSlot(sessions, max);
        expect(s <= sessions.length).toBe(true);
        if (s < sessions.length) expect(sessions[s]!).toBeLessThan(max);
        for (const n of sessions.slice(0, s)) expect(n).toBeGreaterThanOrEqual(max);
      }),
    );
  });
});

describe('isStreamLeg', () => {
  it('a pipeline that leaves its host carries the stream; a single group does not', () => {
    expect(isStreamLeg(1)).toBe(false);
    expect(isStreamLeg(2)).toBe(true);
    expect(isStreamLeg(3)).toBe(true);
  });
});
