import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fencedBlockAfter, parseCrontab } from '../support/crontab.js';
import {
  bzfsAt,
  freshPoolsForEachTest,
  onZfsSh,
  snapshotRows,
  zfs,
  zfsMachineSecs,
  REPO_ROOT,
} from './harness.js';

// The README's worked example ("the whole cycle as one crontab"), read from README.md and run as
// cron would run it, on real ZFS: tank/data becomes SRC, root@nas:backup/data becomes DST (local
// mode: the ssh hop is tested elsewhere), and `bzfs` runs with its clock fixed.
const S = 'bzcron_s';
const D = 'bzcron_d';
const SRC = `${S}/data`;
const DST = `${D}/data`;
const TREE = ['', '/a'];
const HISTORY = { hourly: 38, '5minutely': 28 };
/** Bookmarks SNAPSHOTS... (`pool/ds@name` → `pool/ds#name`) in one transaction: a fixture, fast. */
const BOOKMARK_ALL_LUA = `
local argv = (...)["argv"]
for _, snap in ipairs(argv) do
  local at = string.find(snap, "@", 1, true)
  local err = zfs.sync.bookmark(snap, string.sub(snap, 1, at - 1) .. "#" .. string.sub(snap, at + 1))
  if err ~= 0 then error("bookmark " .. snap .. ": errno " .. err) end
end`;

function exampleEntry() {
  const readme = readFileSync(`${REPO_ROOT}/README.md`, 'utf8');
  const entries = parseCrontab(fencedBlockAfter(readme, '### A worked example', 'crontab'));
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

const substitute = (word: string) =>
  word === 'tank/data' ? SRC : word === 'root@nas:backup/data' ? DST : word;

/** `@prod_onsite_<time>_<label>` snapshots of HISTORY[label] past slots of `stepSecs`, oldest first. */
function historyNames(label: keyof typeof HISTORY, stepSecs: number): string[] {
  const start = Date.UTC(2026, 0, 1) / 1000;
  return Array.from({ length: HISTORY[label] }, (_, i) => {
    const time = new Date((start + i * stepSecs) * 1000).toISOString().slice(0, 19).replace('T', '_');
    return `@prod_onsite_${time}_${label}`;
  });
}

/** Every snapshot and bookmark under ROOT, by name relative to it (`/a@s`, `#b`), oldest first: one `zfs list`. */
const entriesUnder = async (root: string) =>
  (await snapshotRows(root, 'snapshot,bookmark')).map((r) => r.name);

/** The names of `dataset`'s snapshots (`@`) or bookmarks (`#`) of `label` among ENTRIES, relative to the dataset. */
const labelled = (entries: readonly string[], dataset: string, label: string, sep: '@' | '#' = '@') =>
  entries
    .filter((n) => n.startsWith(`${dataset}${sep}`) && n.endsWith(`_${label}`))
    .map((n) => n.slice(dataset.length));

describe('the README crontab example on real ZFS', () => {
  freshPoolsForEachTest(S, D);

  it('creates one snapshot per label across the tree, replicates, and prunes both sides to the plans', async () => {
    const entry = exampleEntry();
    expect(entry.schedule).toBe('*/5 * * * *');
    expect(entry.commands.map((c) => c[0])).toEqual(['bzfs', 'bzfs', 'bzfs', 'bzfs']);

    // A history as if the job had run for days: hourly and five-minutely snapshots of the tree,
    // each bookmarked, and replicated to the backup (the job's earlier runs, made quickly here).
    await zfs('create', `${SRC}/a`);
    const history = [...historyNames('hourly', 3600), ...historyNames('5minutely', 300)];
    await onZfsSh('for n in "$@"; do zfs snapshot -r "$n"; done', ...history.map((n) => `${SRC}${n}`));
    await onZfsSh(
      'printf %s "$1" > /tmp/bzcron-bookmark.lua; pool=$2; shift 2; zfs program "$pool" /tmp/bzcron-bookmark.lua "$@"',
      BOOKMARK_ALL_LUA,
      S,
      ...TREE.flatMap((d) => history.map((n) => `${SRC}${d}${n}`)),
    );
    await onZfsSh('zfs send -R "$1" | zfs receive -u "$2"', `${SRC}${history.at(-1)!}`, DST);
    // Ten days on: every snapshot is older than any "younger than N periods" rule of the plans, so
    // "the latest N" alone decides what is kept, and both labels are due.
    const clockMs = ((await zfsMachineSecs()) + 10 * 86400) * 1000;
    for (const argv of entry.commands) {
      const r = await bzfsAt(clockMs, argv.slice(1).map(substitute));
      if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} exited ${r.exitCode}\n${r.stderr}`);
    }

    // Created: one 5minutely and one hourly, in the same transaction group across the tree.
    const created = (await zfs('list', '-t', 'snapshot', '-r', '-Hp', '-o', 'name,createtxg', SRC))
      .split('\n')
      .filter((l) => l !== '' && !history.some((n) => l.split('\t')[0]!.endsWith(n)));
    expect(created).toHaveLength(2 * TREE.length);
    for (const label of ['hourly', '5minutely']) {
      expect(
        new Set(created.filter((l) => l.includes(`_${label}\t`)).map((l) => l.split('\t')[1])).size,
      ).toBe(1);
    }

    const [src, dst] = [await entriesUnder(SRC), await entriesUnder(DST)];
    for (const d of TREE) {
      // Source: SRC_PLAN keeps the latest 12 five-minutely and 36 hourly (the new ones among them).
      const srcFive = labelled(src, d, '5minutely');
      const srcHourly = labelled(src, d, 'hourly');
      expect(srcFive).toHaveLength(12);
      expect(srcHourly).toHaveLength(36);
      expect(srcFive.slice(0, 11)).toEqual(historyNames('5minutely', 300).slice(-11));
      // Backup: DST_PLAN keeps the latest 24 five-minutely and up to 168 hourly (all of them here).
      const dstFive = labelled(dst, d, '5minutely');
      expect(dstFive).toHaveLength(24);
      expect(dstFive.at(-1)).toBe(srcFive.at(-1));
      expect(labelled(dst, d, 'hourly')).toHaveLength(HISTORY.hourly + 1);
      // Source bookmarks: the history's and the new ones', pruned to DST_PLAN like the backup.
      expect(labelled(src, d, '5minutely', '#')).toHaveLength(24);
      expect(labelled(src, d, 'hourly', '#')).toHaveLength(HISTORY.hourly + 1);
    }
  }, 600_000); // a bound, generous for a loaded 2-core machine, not a measurement
});
