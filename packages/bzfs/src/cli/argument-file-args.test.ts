import { describe, expect, it } from '@jest/globals';
import { parseCli } from './args.js';

/** Which options take `+file` values, as in the original: the dataset lists, the env-var regexes, the pairs. */
const FILES: Record<string, string> = {
  '/etc/bzfs/datasets_bzfs_argument_file': '# one per line\ntank/a\n\ntank/b c\n',
  '/etc/bzfs/regexes_bzfs_argument_file': 'foo.*\n!bar\n',
  '/etc/bzfs/pairs_bzfs_argument_file': 'tank/a\tbackup/a\n# comment\ntank/b\tbackup/b\n',
};
const readArgumentFile = (path: string): string => {
  const text = FILES[path];
  if (text === undefined) throw new Error(`ENOENT: ${path}`);
  return text;
};
const ENV = { home: '/home/u', cpus: 4, readArgumentFile };
const parse = async (argv: string[]) => {
  const r = await parseCli(argv, ENV);
  if (r.config === undefined) throw new Error('no config');
  return r.config;
};
const PAIR = ['tank', 'backup'];

describe('+file values outside the snapshot filters', () => {
  it.each<[string, 'includeDatasets' | 'excludeDatasets']>([
    ['--include-dataset', 'includeDatasets'],
    ['--exclude-dataset', 'excludeDatasets'],
  ])('%s +file stands for the datasets in the file', async (option, field) => {
    const c = await parse([`${option}=x/y`, `${option}=+/etc/bzfs/datasets_bzfs_argument_file`, ...PAIR]);
    expect(c.selection[field]).toEqual(['x/y', 'tank/a', 'tank/b c']);
  });

  it.each<[string, 'includeDatasetRegex' | 'excludeDatasetRegex']>([
    ['--include-dataset-regex', 'includeDatasetRegex'],
    ['--exclude-dataset-regex', 'excludeDatasetRegex'],
  ])('%s +file stands for the regexes in the file', async (option, field) => {
    const c = await parse([`${option}=+/etc/bzfs/regexes_bzfs_argument_file`, ...PAIR]);
    expect(c.selection[field]).toEqual(['foo.*', '!bar']);
  });

  it('--exclude-envvar-regex +file stands for the regexes in the file', async () => {
    const c = await parse(['--exclude-envvar-regex=+/etc/bzfs/regexes_bzfs_argument_file', ...PAIR]);
    expect(c.run.envVars.exclude.map((m) => [m.source, m.negate ?? false])).toEqual([
      ['foo.*', false],
      ['bar', true],
    ]);
  });

  it('a +file among the positional arguments stands for its TAB-separated pairs', async () => {
    const c = await parse(['src/x', 'dst/x', '+/etc/bzfs/pairs_bzfs_argument_file']);
    expect(c.pairs.map((p) => [p.src.dataset, p.dst.dataset])).toEqual([
      ['src/x', 'dst/x'],
      ['tank/a', 'backup/a'],
      ['tank/b', 'backup/b'],
    ]);
  });

  it('--no-argument-file turns all of them off', async () => {
    await expect(
      parse(['--no-argument-file', '--include-dataset=+/etc/bzfs/datasets_bzfs_argument_file', ...PAIR]),
    ).rejects.toThrow(/disabled/);
    await expect(parse(['--no-argument-file', '+/etc/bzfs/pairs_bzfs_argument_file'])).rejects.toThrow(
      /disabled/,
    );
  });
});
