import { describe, it, expect } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkBzfsArgs, toArgv } from '@bzfs-ts/bzfs';
import { parseCommandLine } from '../cli/args.js';
import { ACTIONS } from '../expand/actions.js';
import { expand } from '../expand/expand.js';
import { defineSpec } from './define.js';
import { readSpec } from './load.js';
import { checkRequest } from './request-checks.js';
import { validateSpec } from './validate.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const example = `${examples}jobs.yaml`;
const noLocalHost = { names: new Set<string>(), user: 'root', loopbackAddress: '127.0.0.1' };

describe('examples/jobs.yaml', () => {
  it('is valid for every action and expands to a run per source and destination', async () => {
    const { spec } = await readSpec(example);
    expect(checkRequest(spec, { actions: ACTIONS })).toEqual([]);
    const e = expand({ spec, actions: ['replicate'], filters: {}, local: noLocalHost });
    expect(e.invocations).toHaveLength(spec.srcHosts.length * Object.keys(spec.dstHosts).length);
  });

  it("every run of every action, on every host, is accepted by bzfs's own parser", async () => {
    const { spec } = await readSpec(example);
    const srcHosts = spec.srcHosts.length;
    const dstHosts = Object.keys(spec.dstHosts).length;
    // Per source host: create, prune-src x2, monitor-src once; replicate, prune-dst, monitor-dst per destination.
    const perDstActions = ['replicate', 'prune-dst-snapshots', 'monitor-dst-snapshots'];
    for (const action of ACTIONS) {
      // Each host as the machine running the jobrunner too: local sides render as `-:dataset`.
      for (const here of [undefined, ...spec.srcHosts, ...Object.keys(spec.dstHosts)]) {
        const local = here === undefined ? noLocalHost : { ...noLocalHost, names: new Set([here]) };
        const e = expand({ spec, actions: [action], filters: {}, local });
        const expected = perDstActions.includes(action) ? srcHosts * dstHosts : srcHosts;
        expect({ action, here, runs: e.invocations.length, skipped: e.skipped }).toEqual({
          action,
          here,
          runs: expected,
          skipped: [],
        });
        for (const inv of e.invocations) {
          expect({ id: inv.id, here, check: await checkBzfsArgs(toArgv(inv.options)) }).toEqual({
            id: inv.id,
            here,
            check: { ok: true },
          });
        }
      }
    }
  });
});

/**
 * The jobrunner command lines of a cron or systemd file, as argv: from `bzfs-jobrunner --spec ...`
 * lines (commented-out alternatives too) and from comment lines that are only options (`#   --src-host
 * %H ...`, to be used instead of the options of ExecStart). Shell variables set in the file are
 * substituted, `"$(hostname)"` and systemd's `%H` become a host name; the examples quote nothing else.
 */
function commandLines(text: string): string[][] {
  const vars = new Map([...text.matchAll(/^([A-Z]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  const words = (s: string): string[] =>
    s
      .replace(/"\$\(hostname\)"|%H/g, 'prod001')
      .replace(/"?\$([A-Z]+)"?/g, (_, v: string) => vars.get(v) ?? `$${v}`)
      .trim()
      .split(/\s+/);
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    const body = line.replace(/^#\s*/, '');
    const at = body.indexOf('bzfs-jobrunner --spec');
    if (at >= 0) out.push(words(body.slice(at + 'bzfs-jobrunner'.length)));
    else if (/^#\s{2,}--[a-z]/.test(line)) out.push(['--spec', 'jobs.yaml', ...words(body)]);
  }
  return out;
}

describe('examples/bzfs-jobrunner.cron and examples/systemd/*', () => {
  const files = ['bzfs-jobrunner.cron', ...readdirSync(`${examples}systemd`).map((f) => `systemd/${f}`)];
  const lines = files.flatMap((f) =>
    commandLines(readFileSync(`${examples}${f}`, 'utf8')).map((argv) => ({ file: f, argv })),
  );

  it('the cron file and the service name jobrunner command lines', () => {
    const count = (f: string): number => lines.filter((l) => l.file === f).length;
    expect(count('bzfs-jobrunner.cron')).toBe(5);
    expect(count('systemd/bzfs-jobrunner-dst.service')).toBe(2);
  });

  // The jobrunner passes options it does not know to bzfs, so a misspelt one would reach every bzfs run.
  it.each(lines.map((l) => [l.file, l.argv.join(' '), l.argv] as const))(
    '%s: %s names only options of the jobrunner, and at least one action',
    (_file, _text, argv) => {
      const cmd = parseCommandLine(argv);
      if (cmd.kind !== 'run') throw new Error(`refused: ${cmd.stderr ?? ''}`);
      expect(cmd.args.passthrough).toEqual([]);
      expect(cmd.args.actions.length).toBeGreaterThan(0);
    },
  );
});

describe('defineSpec', () => {
  it('returns its argument, which validates like YAML', () => {
    const spec = defineSpec({
      jobId: 'ts',
      rootDatasetPairs: [{ src: 'tank/a', dst: 'a' }],
      srcHosts: ['s1'],
      dstHosts: { d1: { root: '', targets: ['onsite'] } },
      workers: 2,
    });
    expect(validateSpec(spec)).toEqual({ ok: true, spec });
  });
});
