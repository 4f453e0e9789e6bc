import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpecValidationError, formatSpecError } from './errors.js';
import { loadSpec, loadYaml, placeProblems, readSpec } from './load.js';
import { checkRequest, type RunRequest } from './request-checks.js';
import { validateSpec } from './validate.js';

const BASE = `jobId: j
rootDatasetPairs:
  - { src: tank/a, dst: a }
srcHosts: [s1]
dstHosts:
  d1: { root: bak, targets: [onsite] }
`;

/** Validates YAML text and returns the printed errors, e.g. `jobs.yaml:6:7: dstHosts.d1: ...`. */
function errorsOf(text: string, req?: RunRequest): string[] {
  const loaded = loadYaml('jobs.yaml', text);
  const result = validateSpec(loaded.value);
  const problems = !result.ok ? result.problems : req === undefined ? [] : checkRequest(result.spec, req);
  return placeProblems(loaded, problems).map(formatSpecError);
}

function expectPrefixes(actual: string[], prefixes: string[]): void {
  expect(actual.map((a, i) => a.slice(0, prefixes[i]?.length ?? a.length))).toEqual(prefixes);
}

describe('spec validation errors name file, line and column and say what is expected', () => {
  it('accepts the base spec', () => {
    expect(errorsOf(BASE)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    [
      'a destination host without root',
      BASE.replace('d1: { root: bak, targets: [onsite] }', 'd1: { targets: [onsite] }'),
      ["jobs.yaml:6:7: dstHosts.d1: missing required key 'root' (Prefix of every destination dataset"],
    ],
    [
      'a destination host without targets',
      BASE.replace('d1: { root: bak, targets: [onsite] }', 'd1: { root: bak }'),
      ["jobs.yaml:6:7: dstHosts.d1: missing required key 'targets'"],
    ],
    [
      'several sources writing one destination dataset',
      BASE.replace('[s1]', '[s1, s2]'),
      [
        'jobs.yaml:6:15: dstHosts.d1.root: must contain ^SRC_HOST (e.g. "backups/^SRC_HOST"): the 2 source hosts s1, s2',
      ],
    ],
    ['a log directory bzfs would refuse', `${BASE}logDir: /var/log/backups\n`, ['jobs.yaml:']],
    [
      'a negative count',
      `${BASE}srcSnapshotPlan:\n  prod:\n    onsite: { hourly: -1 }\n`,
      ['jobs.yaml:9:23: srcSnapshotPlan.prod.onsite.hourly: must be >= 0, got -1'],
    ],
    [
      'an unknown period',
      `${BASE}dstSnapshotPlan:\n  prod:\n    onsite:\n      hourli: 3\n`,
      [
        "jobs.yaml:10:7: dstSnapshotPlan.prod.onsite.hourli: unknown period 'hourli'; expected a period like hourly or 10minutely",
      ],
    ],
    [
      'an unknown key, with the known ones',
      `${BASE}workerz: 3\n`,
      ["jobs.yaml:7:1: workerz: unknown key 'workerz'; expected one of: jobId, rootDatasetPairs, recursive"],
    ],
    [
      'a bad duration',
      `${BASE}monitorSnapshotPlan: {prod: {onsite: {daily: {warning: 4 h}}}}\n`,
      [
        'jobs.yaml:7:56: monitorSnapshotPlan.prod.onsite.daily.warning: invalid value "4 h"; expected a duration like "30 minutes"',
      ],
    ],
    [
      'a hostile host name',
      BASE.replace('[s1]', "['s1; rm -rf /']"),
      ['jobs.yaml:4:12: srcHosts[0]: invalid value "s1; rm -rf /"; expected a host name of letters, digits'],
    ],
    [
      'a wrong type',
      BASE.replace('targets: [onsite]', 'targets: onsite'),
      ['jobs.yaml:6:29: dstHosts.d1.targets: must be a list, got string "onsite"'],
    ],
    [
      'a protected bzfs option',
      `${BASE}bzfsOptions: [--threads=2, --delete-dst-snapshots]\n`,
      [
        'jobs.yaml:7:28: bzfsOptions[1]: option --delete-dst-snapshots is set by the jobrunner for each run and may not be overridden',
      ],
    ],
    [
      'a target that no plan knows',
      `${BASE}dstSnapshotPlan: {prod: {onsit: {daily: 1}}}\n`,
      [
        'jobs.yaml:6:29: dstHosts.d1.targets: none of the targets ["onsite"] appears in dstSnapshotPlan (its targets: ["onsit"])',
      ],
    ],
    [
      'two pairs writing one destination',
      BASE.replace('  - { src: tank/a, dst: a }', '  - { src: tank/a, dst: a }\n  - { src: tank/b, dst: a }'),
      ["jobs.yaml:4:25: rootDatasetPairs[1].dst: destination 'a' is also written by rootDatasetPairs[0]"],
    ],
    [
      'a bad dataset name',
      BASE.replace('tank/a', 'tank//a'),
      ['jobs.yaml:3:12: rootDatasetPairs[0].src: Invalid dataset name "tank//a": must not contain'],
    ],
  ])('%s', (_name, text, expected) => {
    expectPrefixes(errorsOf(text), expected);
  });

  it('workers as text follows bzfs --threads: a count or a share of the cores, at least 1', () => {
    for (const ok of ['4', '75%', '007']) expect(errorsOf(`${BASE}workers: "${ok}"\n`)).toEqual([]);
    for (const bad of ['0%', '1.5', 'lots'])
      expect(errorsOf(`${BASE}workers: "${bad}"\n`)[0]).toMatch(/workers: .*a count like 4 or a percentage/);
  });

  it('reports every problem at once, in file order', () => {
    const text = BASE.replace('[s1]', '[s1, s1]') + 'workers: 0\njitter: yes\n';
    expect(errorsOf(text)).toEqual([
      'jobs.yaml:4:11: srcHosts: lists "s1" twice (items 0 and 1)',
      'jobs.yaml:7:10: workers: must be >= 1, got 0',
      'jobs.yaml:8:9: jitter: must be a boolean, got string "yes"',
    ]);
  });

  it('names the position of YAML syntax errors and duplicate keys', () => {
    const dup = () => loadYaml('jobs.yaml', `${BASE}jobId: again\n`);
    expect(dup).toThrow(SpecValidationError);
    expect(dup).toThrow(/^jobs\.yaml:7:1: duplicate key 'jobId' \(first at line 1, column 1\)$/);
    expect(() => loadYaml('jobs.yaml', 'a: [1,\n')).toThrow(/^jobs\.yaml:2:1: Flow sequence/);
  });
});

describe('command-line checks against the spec', () => {
  const two = `${BASE}srcSnapshotPlan: {prod: {onsite: {daily: 3}}}\n`;
  it.each<[string, RunRequest, string[]]>([
    [
      'an unknown host in --src-host',
      { actions: ['replicate'], srcHosts: ['s9'] },
      ["jobs.yaml:4:11: srcHosts: --src-host 's9' is not one of the srcHosts of this spec: s1"],
    ],
    [
      'an unknown host in --dst-host',
      { actions: ['replicate'], dstHosts: ['nas'] },
      ["jobs.yaml:6:3: dstHosts: --dst-host 'nas' is not one of the dstHosts of this spec: d1"],
    ],
    [
      'a prune without its plan',
      { actions: ['prune-src-bookmarks'] },
      [
        'jobs.yaml:1:1: --prune-src-bookmarks needs a non-empty srcBookmarkPlan: pruning keeps what the plan lists',
      ],
    ],
    [
      'a destination prune that would keep nothing',
      { actions: ['prune-dst-snapshots'] },
      ['jobs.yaml:1:1: --prune-dst-snapshots needs a non-empty dstSnapshotPlan'],
    ],
    ['a valid request', { actions: ['create-src-snapshots', 'prune-src-snapshots'], srcHosts: ['s1'] }, []],
  ])('%s', (_name, req, expected) => {
    expectPrefixes(errorsOf(two, req), expected);
  });

  it('refuses to prune a destination none of whose retained targets is in the plan', () => {
    const text =
      BASE.replace('targets: [onsite] }', 'targets: [onsite], retainTargets: [] }') +
      'dstSnapshotPlan: {p: {onsite: {daily: 1}}}\n';
    expect(errorsOf(text, { actions: ['prune-dst-snapshots'] })).toEqual([
      'jobs.yaml:6:7: dstHosts.d1: --prune-dst-snapshots would delete every snapshot on d1: none of its retained targets [] appears in dstSnapshotPlan',
    ]);
  });
});

describe('spec files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobrunner-spec-'));

  it('reads YAML files and reports problems with the file name', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, BASE.replace('[s1]', '[]'));
    await expect(readSpec(file)).rejects.toThrow(`${file}:4:11: srcHosts: must list at least 1 item(s)`);
  });

  it('loads a JavaScript module whose default export is the spec (or a function returning it)', async () => {
    const file = join(dir, 'jobs.mjs');
    writeFileSync(
      file,
      `export default () => ({ jobId: 'j', rootDatasetPairs: [{ src: 'tank/a', dst: 'a' }], srcHosts: ['s1'],
         dstHosts: { d1: { root: 'bak', targets: ['onsite'] } } });`,
    );
    const { spec } = await readSpec(file);
    expect(spec.srcHosts).toEqual(['s1']);
  });

  it('reports module problems by path, without a position', async () => {
    const file = join(dir, 'bad.mjs');
    writeFileSync(
      file,
      `export default { jobId: 'j', rootDatasetPairs: [], srcHosts: ['s1'], dstHosts: {} };`,
    );
    const err = await readSpec(file).catch((e: unknown) => e as SpecValidationError);
    expect(err).toBeInstanceOf(SpecValidationError);
    expect((err as SpecValidationError).errors.map(formatSpecError)).toEqual([
      `${file}: rootDatasetPairs: must list at least 1 item(s)`,
      `${file}: dstHosts: must have at least 1 entry`,
    ]);
  });

  it('says so when a file cannot be read', async () => {
    await expect(loadSpec(join(dir, 'missing.yaml'))).rejects.toThrow(
      /missing\.yaml: cannot read spec: ENOENT/,
    );
  });
});
