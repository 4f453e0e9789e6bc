import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { parseCli } from './args.js';

// Only the original's spellings are options: kebab-case names, their short aliases and the
// original's extra aliases (--f1). yargs' conveniences (camelCase, --no-X, dot paths) are not.

const ENV = { home: '/home/u', cpus: 8 };

async function refusedWith(argv: string[], why: RegExp): Promise<void> {
  const err = await parseCli(argv, ENV).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).exitCode).toBe(ExitCode.USAGE);
  expect((err as Error).message).toMatch(why);
}

describe('option spellings', () => {
  it.each([
    ['--sshDstHost=x'],
    ['--skipReplication'],
    ['--dryRun'],
    ['--forceOnce'],
    ['--includeSnapshotRegex=a'],
    ['--logDir=/tmp/bzfs-logs'],
  ])('camelCase %s is an unknown argument', async (opt) => {
    await refusedWith([opt, 'pool/a', 'pool/b'], /Unknown argument/);
  });

  it.each([['--no-recursive'], ['--no-dryrun'], ['--no-quiet'], ['--no-skip-parent']])(
    'the negation %s is an unknown argument',
    async (opt) => {
      await refusedWith([opt, 'pool/a', 'pool/b'], /Unknown argument/);
    },
  );

  it.each([['--bogus'], ['--recursiv'], ['-Z'], ['--ssh-dst-host.x=1']])(
    'the unknown option %s is refused',
    async (opt) => {
      await refusedWith([opt, 'pool/a', 'pool/b'], /Unknown argument|ssh-dst-host/);
    },
  );

  it('kebab-case names, short aliases and --f1 still work', async () => {
    const r = await parseCli(
      [
        '-r',
        '-n',
        '-v',
        '-v',
        '-p',
        '-q',
        '--f1',
        '--skip-replication',
        '--ssh-dst-host=x',
        'pool/a',
        'pool/b',
      ],
      ENV,
    );
    expect(r.config).toMatchObject({
      noPrivilegeElevation: true,
      selection: { recursive: true },
      run: { dryrun: 'send', verbose: 2, quiet: true },
      force: { once: true },
      replication: { skip: true },
    });
    expect(r.config?.pairs[0]?.dst.ssh?.host).toBe('x');
    expect((await parseCli(['-h'], ENV)).output).toMatch(/Usage: bzfs/);
  });

  it('the repeatable options keep every value, other repeated options the last one', async () => {
    const r = await parseCli(
      [
        '--include-dataset-regex=a',
        '--include-dataset-regex=b',
        '--ssh-dst-host=x',
        '--ssh-dst-host=y',
        'pool/a',
        'pool/b',
      ],
      ENV,
    );
    expect(r.config?.selection.includeDatasetRegex).toEqual(['a', 'b']);
    expect(r.config?.pairs[0]?.dst.ssh?.host).toBe('y');
  });
});

describe("positionals written with the local mark '-:'", () => {
  const datasets = async (...argv: string[]) => {
    const c = (await parseCli(argv, ENV)).config;
    return c?.pairs.map((p) => [p.src, p.dst]);
  };

  it('are datasets before --, with options after them still parsed', async () => {
    const r = await parseCli(['-:tank/a:b', '-:backup/a:b', '--dryrun'], ENV);
    expect(r.config?.pairs).toEqual([{ src: { dataset: 'tank/a:b' }, dst: { dataset: 'backup/a:b' } }]);
    expect(r.config?.run.dryrun).toBe('send');
  });

  it('keep their place among other positionals and short flags', async () => {
    expect(await datasets('-r', 'pool/a', '-:pool/b:c', '-v', '-:pool/d:e', 'h:pool/f', '-n')).toEqual([
      [{ dataset: 'pool/a' }, { dataset: 'pool/b:c' }],
      [{ dataset: 'pool/d:e' }, { dataset: 'pool/f', ssh: { host: 'h' } }],
    ]);
    const c = (await parseCli(['-:pool/b:c', '-r', '-v', '-v', '-p', '-q', '-n', '-:pool/d:e'], ENV)).config;
    expect(c).toMatchObject({
      noPrivilegeElevation: true,
      selection: { recursive: true },
      run: { verbose: 2, quiet: true },
    });
    expect(c?.run.dryrun).toBe('send');
  });

  it("work after -- as before, and a -: value of an option stays that option's value", async () => {
    expect(await datasets('-r', '--', '-:pool/a:b', '-:pool/c:d')).toEqual([
      [{ dataset: 'pool/a:b' }, { dataset: 'pool/c:d' }],
    ]);
    const c = (await parseCli(['--exclude-dataset=-:x', '-:pool/a:b', 'pool/c'], ENV)).config;
    expect(c?.selection.excludeDatasets).toEqual(['-:x']);
  });
});
