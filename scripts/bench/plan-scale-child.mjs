// P3 child: one no-op replication of a generated tree through bzfs-ts's real code (parseCli, runAll,
// the dry-run decorator), with the CommandRunner port answered by a stub that generates each `zfs`
// listing on the fly. The stub keeps nothing, so the peak RSS printed is bzfs-ts's own.
// Usage: node plan-scale-child.mjs DATASETS SNAPSHOTS  -> one JSON line on stdout.
import { homedir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';

const dist = new URL('../../packages/bzfs/dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);
const { parseCli } = await load('cli/args.js');
const { runAll } = await load('run/run.js');
const { DryRunRunner } = await load('exec/dry-run-runner.js');
const { stateChangePolicy } = await load('run/context.js');
const { RunRecorder } = await load('run/run-recorder.js');

const { AbortController } = globalThis;
const [datasets, snapshots] = process.argv.slice(2).map(Number);
const SRC = 'bench/src';
const DST = 'bench/dst';
const BASE_SECS = 1_700_000_000;
const children = Array.from({ length: datasets }, (_, j) => `d${String(j).padStart(6, '0')}`);
const childSet = new Set(children);
const calls = { total: 0, list: 0, unknown: new Set() };

/** The same snapshots (same guids) on both sides: nothing to send. */
function field(f, ds, rel, i, kind) {
  const txg = i + 1;
  switch (f) {
    case 'name':
      return kind === 'fs' ? ds : `${ds}@s${i}`;
    case 'type':
      return kind === 'fs' ? 'filesystem' : 'snapshot';
    case 'guid':
      return String(1_000_000_000 + hash(rel) * 1000 + i);
    case 'createtxg':
      return String(txg);
    case 'creation':
      return String(BASE_SECS + txg * 60);
    case 'userrefs':
    case 'written':
    case 'logicalreferenced':
      return '0';
    case 'snapshots_changed':
      return String(BASE_SECS + snapshots * 60);
    default:
      return '-';
  }
}
function hash(s) {
  let h = 7;
  for (let k = 0; k < s.length; k++) h = (h * 31 + s.charCodeAt(k)) % 1_000_003;
  return h;
}
/** A dataset's relative name under its side's root, or undefined outside the tree. */
function rel(ds) {
  for (const root of [SRC, DST]) {
    if (ds === root) return '';
    if (ds.startsWith(`${root}/`) && childSet.has(ds.slice(root.length + 1))) return ds.slice(root.length);
  }
  if (ds === 'bench') return '';
  return undefined;
}
function zfsList(args) {
  let types = ['filesystem'];
  let fields = ['name'];
  let recursive = false;
  const names = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-t') types = args[++k].split(',');
    else if (a === '-o') fields = args[++k].split(',');
    else if (a === '-s' || a === '-S') k++;
    else if (a === '-d') recursive = args[++k] !== '0';
    else if (a === '-r') recursive = true;
    else if (!a.startsWith('-')) names.push(a);
  }
  let out = '';
  let err = '';
  for (const name of names) {
    const r = rel(name);
    if (r === undefined) {
      err += `cannot open '${name}': dataset does not exist\n`;
      continue;
    }
    const tree =
      recursive && name !== 'bench' && r === '' ? [name, ...children.map((c) => `${name}/${c}`)] : [name];
    for (const ds of tree) {
      const dsRel = rel(ds);
      if (types.includes('filesystem') || types.includes('volume'))
        out += `${fields.map((f) => field(f, ds, dsRel, 0, 'fs')).join('\t')}\n`;
      if (types.includes('snapshot') && ds !== 'bench')
        for (let i = 0; i < snapshots; i++)
          out += `${fields.map((f) => field(f, ds, dsRel, i, 'snap')).join('\t')}\n`;
    }
  }
  return { exitCode: err ? 1 : 0, stdout: out, stderr: err };
}
function zfsGet(args) {
  const props = args[args.length - 2].split(',');
  const withName = args.includes('property,value');
  const value = (p) => (p === 'type' ? 'filesystem' : p === 'logicalreferenced' ? '0' : '-');
  return {
    exitCode: 0,
    stdout: props.map((p) => (withName ? `${p}\t${value(p)}\n` : `${value(p)}\n`)).join(''),
    stderr: '',
  };
}
const stub = {
  async run(cmd) {
    calls.total++;
    const [prog, sub, ...args] = cmd.argv;
    if (prog === 'zfs' && sub === 'list') {
      calls.list++;
      return zfsList(args);
    }
    if (prog === 'zfs' && sub === 'get') return zfsGet(args);
    calls.unknown.add(cmd.argv.slice(0, 2).join(' '));
    return { exitCode: 0, stdout: '', stderr: '' };
  },
  async runPipeline(p) {
    calls.unknown.add(`pipeline ${p.stages.map((s) => s.argv[0]).join('|')}`);
    return { exitCode: 0, stdout: '', stderr: '' };
  },
};
const quiet = () => undefined;
const log = {
  error: (m) => process.stderr.write(`${m}\n`),
  warn: quiet,
  info: quiet,
  debug: quiet,
  trace: quiet,
};
const render = (p) => p.stages.map((s) => s.argv.join(' ')).join(' | ');

const t0 = performance.now();
const parsed = await parseCli(['--recursive', SRC, DST], {
  home: homedir(),
  cpus: 2,
  readArgumentFile: () => '',
});
const cfg = parsed.config;
const runner = new DryRunRunner(stub, { policy: stateChangePolicy(cfg.run), log, render });
const { systemClock } = await load('infra/clock.js');
// A fixed wall time an hour after the newest snapshot: every run plans against the same instant.
const wallMs0 = (BASE_SECS + snapshots * 60 + 3600) * 1000;
const code = await runAll(cfg, {
  runner,
  log,
  signal: new AbortController().signal,
  render,
  localIsRoot: true,
  clock: { ...systemClock, wallMs: () => wallMs0 },
  reports: { write: (name) => `/dev/null/${name}` },
  recorder: new RunRecorder(),
});
const wallMs = performance.now() - t0;
const out = {
  datasets,
  snapshots,
  exitCode: code,
  wallMs: Math.round(wallMs),
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  zfsCalls: calls.total,
  zfsListCalls: calls.list,
  unknown: [...calls.unknown],
};
process.stdout.write(`${JSON.stringify(out)}\n`);
