// Turns the benchmark's JSON lines (bench.sh) into the results document and the printed table.
// Every figure is set against a baseline of the same run; targets are printed beside it.
// Usage: node report.mjs RAW.jsonl OUT.json
import { readFileSync, writeFileSync } from 'node:fs';

const [rawPath, outPath] = process.argv.slice(2);
const records = readFileSync(rawPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
const meta = records.find((r) => r.part === 'meta') ?? {};
const of = (part) => records.filter((r) => r.part === part);
const find = (part, mode, tool, variant = '') =>
  records.find((r) => r.part === part && r.mode === mode && r.tool === tool && r.variant === variant);
const ok = (r) => r !== undefined && r.exitCode === 0 && typeof r.secs === 'number';
const x = (a, b) => (a === undefined || b === undefined || !(b > 0) ? undefined : a / b);
const fmt = (v, digits = 2) => (v === undefined || v === null || Number.isNaN(v) ? 'n/a' : v.toFixed(digits));
const verdict = (v, pass) => (v === undefined ? '' : pass(v) ? 'met' : 'MISSED');
const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
const head = (title, ...cols) => {
  lines.push('', `**${title}**`, '');
  row(...cols);
  row(...cols.map(() => '---'));
};

const results = { meta, P1: [], P2: [], P3: of('P3'), P4: of('P4')[0], P5: of('P5')[0], notes: [] };
const datasets = (meta.datasets ?? 0) + 1; // the root and its children

if (of('P1').length > 0) {
  head(
    `P1 no-op incremental, ${datasets} datasets x 3 snapshots (median of ${meta.repeat})`,
    'mode',
    'tool',
    'variant',
    's',
    'x floor',
    'x original',
    'zfs/dataset',
    'ssh/dataset',
    'target',
  );
  for (const r of of('P1')) {
    const floor = find('P1', r.mode, 'floor');
    const orig = find('P1', r.mode, 'original', r.variant);
    const vsOrig = r.tool === 'bzfs-ts' && ok(r) && ok(orig) ? x(r.secs, orig.secs) : undefined;
    const limit = r.variant === '' ? 0.5 : 0.8;
    const target =
      r.tool === 'bzfs-ts' ? `<= ${limit}x original: ${verdict(vsOrig, (v) => v <= limit) || 'n/a'}` : '';
    const e = {
      ...r,
      xFloor: ok(r) && ok(floor) ? x(r.secs, floor.secs) : undefined,
      xOriginal: vsOrig,
      zfsPerDataset: ok(r) ? r.zfs / datasets : undefined,
      sshPerDataset: ok(r) ? r.ssh / datasets : undefined,
    };
    results.P1.push(e);
    row(
      r.mode,
      r.tool,
      r.variant || '-',
      ok(r) ? fmt(r.secs) : `n/a: ${r.error ?? `exit ${r.exitCode}`}`,
      fmt(e.xFloor),
      fmt(e.xOriginal),
      fmt(e.zfsPerDataset),
      fmt(e.sshPerDataset),
      target,
    );
  }
}

if (of('P2').length > 0) {
  const mb = of('P2meta')[0]?.mb ?? meta.mb;
  head(
    `P2 full send of ${mb} MiB (median of ${meta.repeat})`,
    'mode',
    'tool',
    'variant',
    's',
    'MiB/s',
    'x raw',
    'target',
  );
  for (const r of of('P2')) {
    const raw = find('P2', r.mode, 'raw');
    const rate = ok(r) ? mb / r.secs : undefined;
    const vsRaw = ok(r) && ok(raw) ? x(rate, mb / raw.secs) : undefined;
    results.P2.push({ ...r, mibPerSec: rate, xRaw: vsRaw });
    const target = r.tool === 'bzfs-ts' ? `>= 0.95x raw: ${verdict(vsRaw, (v) => v >= 0.95) || 'n/a'}` : '';
    row(
      r.mode,
      r.tool,
      r.variant || '-',
      ok(r) ? fmt(r.secs) : `n/a: ${r.error ?? `exit ${r.exitCode}`}`,
      fmt(rate, 1),
      fmt(vsRaw),
      target,
    );
  }
}

if (results.P3.length > 0) {
  head(
    'P3 no-op planning without ZFS (stub runner, real bzfs-ts code)',
    'datasets',
    'snapshots',
    'wall s',
    'peak RSS MB',
    'zfs calls',
    'target',
  );
  for (const r of results.P3) {
    const big = r.datasets * r.snapshots >= 1_000_000;
    const target = big
      ? `< 5 s: ${verdict(r.wallMs, (v) => v < 5000)}; < 300 MB: ${verdict(r.maxRssMB, (v) => v < 300)}`
      : '';
    row(
      r.datasets,
      r.snapshots,
      r.exitCode === 0 ? fmt(r.wallMs / 1000) : `n/a: exit ${r.exitCode}`,
      r.maxRssMB ?? 'n/a',
      r.zfsCalls ?? 'n/a',
      target,
    );
  }
  const at = (d, s) => results.P3.find((r) => r.datasets === d && r.snapshots === s)?.maxRssMB;
  const growth = {
    snapshotsX2: x(at(1000, 200), at(1000, 100)),
    datasetsX10: x(at(10000, 100), at(1000, 100)),
  };
  results.P3growth = growth;
  lines.push(
    '',
    `RSS growth: x${fmt(growth.snapshotsX2)} for twice the snapshots, x${fmt(growth.datasetsX10)} for ten times the datasets (flat = memory does not grow with datasets x snapshots)`,
  );
}

if (results.P4) {
  const r = results.P4;
  head(`P4 bzfs-jobrunner, ${r.pairs} host pairs, stub bzfs`, 'figure', 'value', 'target');
  row(
    'expansion ms/pair (dry run minus a 1-pair dry run)',
    fmt(r.expandMsPerPair, 3),
    `< 1 ms: ${verdict(r.expandMsPerPair, (v) => v < 1)}`,
  );
  row(`dispatch ms/run (${r.runs} runs; real run minus dry run)`, fmt(r.dispatchMsPerRun, 1), '');
}

if (results.P5) {
  const r = results.P5;
  head(`P5 start-up (median of ${r.repeat})`, 'command', 's', 'x node -e 0', 'target');
  row('node -e 0', fmt(r.nodeSecs, 3), '1.00', '');
  const b = x(r.bundleSecs, r.nodeSecs);
  row(
    'bzfs --version, bundle (dist/bzfs.mjs)',
    fmt(r.bundleSecs, 3),
    fmt(b),
    `<= 1.5x: ${verdict(b, (v) => v <= 1.5)}`,
  );
  row(
    'bzfs --version, unbundled (dist/bin/bzfs.js)',
    fmt(r.unbundledSecs, 3),
    fmt(x(r.unbundledSecs, r.nodeSecs)),
    '',
  );
}

results.notes = of('note').map((n) => n.text);
if (results.notes.length > 0) lines.push('', ...results.notes.map((n) => `- ${n}`));
const header = `bzfs-ts benchmark, ${meta.date} on ${meta.host} (${meta.cpus} cpus), node ${meta.node}, bzfs-ts ${meta.bzfsTs}, original ${meta.original || 'not measured'}`;
writeFileSync(outPath, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\n${header}\n${lines.join('\n')}\n\nresults: ${outPath}\n`);
