import { describe, expect, it } from '@jest/globals';
import type { SshTarget } from '../exec/runner.js';
import { planTransfer, type HelperSets } from './transfer-pipeline.js';
import { r2rCommand, resolveR2r } from './transfer-r2r.js';

const ALL = new Set(['sh', 'ssh', 'zstd', 'mbuffer']);
const FULL: HelperSets = { src: ALL, dst: ALL, local: ALL };
const SRC: SshTarget = { host: 'srchost', user: 'alice' };
const DST: SshTarget = { host: 'dsthost', user: 'bob', port: 2222 };

describe('resolveR2r', () => {
  it.each<[string, Parameters<typeof resolveR2r>, string, boolean]>([
    ['off stays off', ['off', 'pull-push', FULL, { src: SRC, dst: DST }], 'off', false],
    ['pull between two remotes', ['pull', 'pull-push', FULL, { src: SRC, dst: DST }], 'pull', false],
    ['push between two remotes', ['push', 'pull-push', FULL, { src: SRC, dst: DST }], 'push', false],
    ['nothing to remove in a push link', ['pull', 'push', FULL, { dst: DST }], 'off', false],
    ['nor on one remote host', ['push', 'same-remote', FULL, { src: SRC, dst: SRC }], 'off', false],
    [
      'pull needs ssh on dst',
      ['pull', 'pull-push', { ...FULL, dst: new Set(['sh']) }, { src: SRC, dst: DST }],
      'off',
      true,
    ],
    [
      'push needs sh on src',
      ['push', 'pull-push', { ...FULL, src: new Set(['ssh']) }, { src: SRC, dst: DST }],
      'off',
      true,
    ],
    [
      'pull: src config file of this host',
      ['pull', 'pull-push', FULL, { src: { ...SRC, configFile: '/x' }, dst: DST }],
      'off',
      true,
    ],
    [
      'pull: src config none is fine',
      ['pull', 'pull-push', FULL, { src: { ...SRC, configFile: 'none' }, dst: DST }],
      'pull',
      false,
    ],
    [
      'push: dst config file of this host',
      ['push', 'pull-push', FULL, { src: SRC, dst: { ...DST, configFile: '/x' } }],
      'off',
      true,
    ],
    [
      'push: a src config file does not matter',
      ['push', 'pull-push', FULL, { src: { ...SRC, configFile: '/x' }, dst: DST }],
      'push',
      false,
    ],
  ])('%s', (_n, args, mode, warns) => {
    const d = resolveR2r(...args);
    expect(d.mode).toBe(mode);
    expect(d.fallback !== undefined).toBe(warns);
  });
});

describe('r2rCommand', () => {
  const plan = planTransfer({
    settings: {
      compression: { program: 'zstd', opts: ['-1'] },
      mbuffer: undefined,
      pv: undefined,
      bwlimit: undefined,
      estimateSendSize: true,
      r2r: 'push',
    },
    link: 'pull-push',
    helpers: FULL,
    estimatedBytes: undefined,
    direct: true,
    send: ['zfs', 'send', 'tank/a@s 1'],
    receive: ['sudo', '-n', 'zfs', 'receive', 'pool/b'],
  });

  it('push: runs on the source, the receive behind a nested batch-mode ssh without ControlPath', () => {
    const c = r2rCommand('push', plan, DST);
    expect(c.side).toBe('src');
    expect(c.argv.slice(0, 2)).toEqual(['sh', '-c']);
    expect(c.argv[2]).toBe(
      `zfs send 'tank/a@s 1' | zstd -c -1 | ssh -oBatchMode=yes -x -T -p 2222 -- bob@dsthost ` +
        `'sh -c '"'"'zstd -dc | sudo -n zfs receive pool/b'"'"''`,
    );
  });

  it('pull: runs on the destination, the send behind the nested ssh', () => {
    const c = r2rCommand('pull', plan, SRC);
    expect(c.side).toBe('dst');
    expect(c.argv[2]).toBe(
      `ssh -oBatchMode=yes -x -T -- alice@srchost 'sh -c '"'"'zfs send '"'"'"'"'"'"'"'"'tank/a@s 1'"'"'"'"'"'"'"'"' | zstd -c -1'"'"'' ` +
        '| zstd -dc | sudo -n zfs receive pool/b',
    );
  });

  it('-F none goes along; nothing else of this host does', () => {
    expect(r2rCommand('push', plan, { ...DST, configFile: 'none' }).argv[2]).toMatch(
      /ssh -oBatchMode=yes -x -T -F none -p 2222 -- bob@dsthost/,
    );
  });
});
