import type { Argv } from 'yargs';
import { ANCHOR_SPECS } from '../model/anchors.js';

// The option declarations of the snapshot lifecycle (creation, selection, retention, dataset deletion); cli/options.ts
// adds them to the parser. Their values are parsed by cli/lifecycle-args.ts and cli/snapshot-filter-args.ts.

type AnchorOption = (typeof ANCHOR_SPECS)[keyof typeof ANCHOR_SPECS]['option'];
const ANCHOR = { type: 'string' } as const;
type AnchorDeclaration = typeof ANCHOR & { readonly describe: string };

const anchorOptions = Object.fromEntries(
  Object.values(ANCHOR_SPECS).map((s) => [
    s.option,
    { ...ANCHOR, describe: `${s.help} (${s.min}..${s.max}, default ${s.default}): the schedule's phase` },
  ]),
) as Record<AnchorOption, AnchorDeclaration>;

export function withLifecycleOptions<T>(y: Argv<T>) {
  return (
    y
      // Taken out of argv in command-line order before yargs parses (cli/snapshot-filter-args.ts);
      // declared here for --help and for the option table the jobrunner checks its flags against.
      .option('include-snapshot-times-and-ranks', {
        type: 'string',
        describe:
          'TIMERANGE [RANKRANGE ...]: only snapshots created in the time range or within the ranks ' +
          "(e.g. '7 days ago..anytime' 'latest 10'; 'notime' for none)",
      })
      .option('new-snapshot-filter-group', {
        type: 'boolean',
        describe: 'Start a new group of snapshot filters; the selection is the union of the groups',
      })
      .option('include-snapshot-plan', {
        type: 'string',
        describe: "Only the snapshots a plan keeps, e.g. {'prod':{'onsite':{'hourly':36,'daily':31}}}",
      })
      .option('create-src-snapshots', {
        type: 'boolean',
        describe: 'Before replicating, snapshot the selected source datasets whose labels are due',
      })
      .option('create-src-snapshots-plan', {
        type: 'string',
        describe: "Labels to create, {org:{target:{period:count}}}; default {'bzfs':{'onsite':{'adhoc':1}}}",
      })
      .option('create-src-snapshots-timeformat', {
        type: 'string',
        describe: "strftime format of the name's time part (default %Y-%m-%d_%H:%M:%S; trailing %F = ms)",
      })
      .option('create-src-snapshots-timezone', {
        type: 'string',
        describe: "Zone of names and schedule: '' (local), UTC, +HHMM, or an IANA name",
      })
      .option('create-src-snapshots-even-if-not-due', {
        type: 'boolean',
        describe: 'Create a snapshot of every periodic label, due or not',
      })
      .options(anchorOptions)
      .option('delete-dst-snapshots', {
        type: 'string',
        describe:
          '[snapshots|bookmarks] After replicating, delete selected destination snapshots (or bookmarks) ' +
          'not on the source',
      })
      .option('delete-dst-snapshots-except', {
        type: 'boolean',
        describe: 'With --delete-dst-snapshots: the snapshot filters say what to keep, the rest is deleted',
      })
      .option('delete-dst-snapshots-except-plan', {
        type: 'string',
        describe:
          'With --delete-dst-snapshots: keep what the plan keeps (latest N and younger than N periods)',
      })
      .option('delete-dst-snapshots-no-crosscheck', {
        type: 'boolean',
        describe: 'With --delete-dst-snapshots: a source entry protects only entries of its own kind',
      })
      .option('delete-dst-datasets', {
        type: 'boolean',
        describe:
          'After replicating, delete the selected destination datasets that the source does not have ' +
          '(dummy as source: all selected); never an unselected one or its ancestors',
      })
      .option('delete-empty-dst-datasets', {
        type: 'string',
        describe:
          '[snapshots|snapshots+bookmarks] With --recursive, after the snapshot deletions, delete the selected ' +
          'destination datasets whose whole subtree has no snapshot (nor bookmark, the default)',
      })
      // Ours: the latest common snapshot is protected unless this says otherwise (see README).
      .option('force-delete-latest-common-snapshot', { type: 'boolean', hidden: true })
      .option('monitor-snapshots', {
        type: 'string',
        describe:
          "After all other tasks, check on both sides that each label's latest (or oldest) snapshot is not too old, " +
          '{org:{target:{period:{latest|oldest:{warning:DUR,critical:DUR,cycles:N}}}}}; exit 1 on WARNING, 2 on CRITICAL',
      })
      .option('monitor-snapshots-dont-warn', {
        type: 'boolean',
        describe: 'With --monitor-snapshots: log warnings, but exit 0 for them',
      })
      .option('monitor-snapshots-dont-crit', {
        type: 'boolean',
        describe: 'With --monitor-snapshots: log criticals, but exit 0 for them',
      })
      .option('monitor-snapshots-no-latest-check', { type: 'boolean', hidden: true })
      .option('monitor-snapshots-no-oldest-check', { type: 'boolean', hidden: true })
  );
}
