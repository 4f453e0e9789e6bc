import { describe, it, expect } from '@jest/globals';
import { ExitCode } from '@bzfs-ts/bzfs';
import { loadYaml } from '../spec/load.js';
import { validateSpec } from '../spec/validate.js';
import { parseCommandLine } from './args.js';

/** The outcome of passing `extra` through the command line: the passthrough, or the usage error. */
function viaCli(extra: string[]): { passthrough?: readonly string[]; code?: number; stderr?: string } {
  const r = parseCommandLine(['--spec', 's.yaml', '--replicate', ...extra]);
  return r.kind === 'run' ? { passthrough: r.args.passthrough } : { code: r.code, stderr: r.stderr ?? '' };
}

/** The problems of a spec whose bzfsOptions are `extra`. */
function viaSpec(extra: string[]): string[] {
  const text =
    'jobId: j\nrootDatasetPairs: [{ src: tank/a, dst: a }]\nsrcHosts: [s1]\n' +
    `dstHosts: { d1: { root: bak, targets: [] } }\nbzfsOptions: ${JSON.stringify(extra)}\n`;
  const r = validateSpec(loadYaml('s.yaml', text).value);
  return r.ok ? [] : r.problems.map((p) => p.message);
}

const PROTECTED = /--(ssh-dst-host|skip-replication) is set by the jobrunner for each run/;

describe('options passed through to bzfs are vetted in every spelling bzfs would accept', () => {
  it.each<[string, string[], RegExp]>([
    ['camel case with a value', ['--sshDstHost=evil'], PROTECTED],
    ['kebab case, separate value', ['--ssh-dst-host', 'evil'], PROTECTED],
    ['kebab case with =value', ['--ssh-dst-host=evil'], PROTECTED],
    ['camel case flag', ['--skipReplication'], PROTECTED],
    ['kebab case flag', ['--skip-replication'], PROTECTED],
    ['negated flag', ['--no-skip-replication'], PROTECTED],
    // yargs is case-sensitive, so bzfs refuses this spelling: unknown, with the right name offered.
    ['upper case', ['--SSH-DST-HOST=evil'], /unknown option --SSH-DST-HOST; did you mean --ssh-dst-host\?/],
    ['an injected dataset pair', ['--recursive', 'tank/src', 'backup/injected'], /'tank\/src'/],
    [
      'a typo of a jobrunner option',
      ['--dst-hos', 'nas'],
      /unknown option --dst-hos; did you mean --dst-host\?/,
    ],
    ['a typo of a bzfs option', ['--thread=4'], /unknown option --thread; did you mean --threads\?/],
    ['a lone positional', ['tank/a'], /'tank\/a'/],
    ['an option that is no bzfs option', ['--x=1'], /unknown option --x/],
  ])('refuses %s on the command line: %j', (_what, extra, message) => {
    const r = viaCli(extra);
    expect(r.code).toBe(ExitCode.USAGE);
    expect(r.stderr).toMatch(message);
  });

  it.each<[string[]]>([
    [['--threads', '4']],
    [['--threads=4']],
    [['--dryrun']],
    [['--dryrun=recv']],
    [['-v']],
    [['-vv', '-n']],
    [['--retries', '-1']],
    [['--f1', '--no-resume-recv', '--exclude-dataset', 'tmp', '--zfs-send-program-opts=--raw']],
  ])('passes %j through unchanged', (extra) => {
    expect(viaCli(extra)).toEqual({ passthrough: extra });
  });

  it.each<[string, string[], RegExp]>([
    ['camel case with a value', ['--sshDstHost=evil'], PROTECTED],
    ['kebab case, separate value', ['--ssh-dst-host', 'evil'], PROTECTED],
    ['camel case flag', ['--skipReplication'], PROTECTED],
    ['negated flag', ['--no-skip-replication'], PROTECTED],
    ['an injected dataset pair', ['--recursive', 'tank/src', 'backup/injected'], /'tank\/src'/],
    ['a typo', ['--dst-hos', 'nas'], /unknown bzfs option --dst-hos/],
    ['the end of options', ['--', '-:tank/a'], /'--'/],
  ])('refuses %s in bzfsOptions: %j', (_what, extra, message) => {
    expect(viaSpec(extra).join('\n')).toMatch(message);
  });

  it.each<[string[]]>([[['--threads', '4']], [['--dryrun']], [['-v']], [['--threads=4', '--f1']]])(
    'accepts bzfsOptions %j',
    (extra) => {
      expect(viaSpec(extra)).toEqual([]);
    },
  );
});
