import yargs from 'yargs';
import { withCacheOptions } from './cache-options.js';
import { withDaemonOptions } from './daemon-options.js';
import { withLifecycleOptions } from './lifecycle-options.js';
import { withTransferOptions } from './transfer-options.js';
import { withSshOptions } from './ssh-options.js';
import { EXIT_CODES_HELP } from '../model/exit-codes.js';

// The option table of the bzfs CLI (names and meanings follow the original bzfs) and the
// argv pre-/post-processing yargs needs to behave like the original's argparse.

// The version comes from package.json through the generated version.ts (scripts/gen-version.mjs).
export { VERSION } from '../version.js';

/** Options of the original bzfs that this version does not implement yet: refused loudly, never ignored. */
export const NOT_YET_IMPLEMENTED = ['exclude-dataset-property', 'preserve-properties'] as const;

const NOT_YET_OPTION = { type: 'string', hidden: true } as const;

export function buildParser(argv: readonly string[]) {
  // Typed by name, so that the parser's type keeps every option name (see option-table.ts).
  return withSshOptions(
    withCacheOptions(withDaemonOptions(withTransferOptions(withLifecycleOptions(coreParser(argv))))),
  ).options(
    Object.fromEntries(NOT_YET_IMPLEMENTED.map((o) => [o, NOT_YET_OPTION])) as Record<
      (typeof NOT_YET_IMPLEMENTED)[number],
      typeof NOT_YET_OPTION
    >,
  );
}

/** The options of replication and of the run; the lifecycle's are in lifecycle-options.ts. */
function coreParser(argv: readonly string[]) {
  return (
    yargs([...argv])
      .scriptName('bzfs')
      .usage(
        'Usage: $0 [options] SRC_DATASET DST_DATASET [SRC_DATASET DST_DATASET ...]\n\n' +
          'Replicates ZFS snapshots from each SRC to its DST, locally or over ssh. A dataset is\n' +
          'written [[user@]host:]pool/dataset; no host means this machine.',
      )
      .epilog(EXIT_CODES_HELP)
      // Only the original's spellings are options: no camelCase aliases (--sshDstHost), no --no-X
      // negations, no dotted object paths (--ssh-dst-host.x); positionals stay text ('1e3' is no number).
      .parserConfiguration({
        'boolean-negation': false,
        'camel-case-expansion': false,
        'dot-notation': false,
        'parse-positional-numbers': false,
        'strip-dashed': false,
        'duplicate-arguments-array': true,
      })
      .strictOptions()
      .exitProcess(false)
      .version(false)
      .help(false)
      .option('help', { alias: 'h', type: 'boolean', describe: 'Show this help and exit' })
      .option('version', { type: 'boolean', describe: 'Show the version and exit' })
      .option('recursive', {
        alias: 'r',
        type: 'boolean',
        default: false,
        describe: 'Also replicate all descendants of each SRC dataset',
      })
      .option('skip-parent', {
        type: 'boolean',
        default: false,
        describe: 'With --recursive, replicate only the descendants, not SRC itself',
      })
      .option('dryrun', {
        alias: 'n',
        type: 'boolean',
        default: false,
        describe: 'Change nothing: print the commands that would change ZFS state (same as --dryrun=send)',
      })
      .option('dryrun-mode', { type: 'string', choices: ['send', 'recv'], hidden: true })
      .option('explain', {
        type: 'boolean',
        default: false,
        describe:
          'Change nothing: plan every dataset against the live state and print the plans as one JSON document ' +
          'on stdout (what would be sent, rolled back, destroyed or created, and the rule that decided it)',
      })
      .option('verbose', {
        alias: 'v',
        type: 'count',
        describe: 'More output; repeat for more (-v -v adds -v to zfs send/receive)',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Only log errors' })
      .option('log-dir', {
        type: 'string',
        describe: 'Directory of log files (its name must contain "bzfs-logs"); default $HOME/bzfs-logs',
      })
      .option('run-report-file', {
        type: 'string',
        describe:
          'bzfs-ts extension: at exit, write one JSON document to this path (atomically: temp file + rename) ' +
          'saying how the run ended (outcome ok, alert, error, usage-error or still-running, and the exit code) ' +
          'and, per dataset, what was replicated (bytes as zfs send -nvP estimates them, duration, the newest ' +
          'common snapshot) and the worst --monitor-snapshots status; for callers such as bzfs-jobrunner',
      })
      .option('zfs-send-program-opts', {
        type: 'string',
        default: '--raw --compressed',
        describe: 'Extra options for zfs send',
      })
      .option('zfs-recv-program-opts', {
        type: 'string',
        default: '-u',
        describe: 'Extra options for zfs receive',
      })
      .option('zfs-recv-program-opt', {
        type: 'string',
        default: [],
        describe: 'One extra zfs receive argument, not split on spaces (repeatable)',
      })
      .option('force-rollback-to-latest-snapshot', {
        type: 'boolean',
        default: false,
        describe: 'Roll the destination back to its newest snapshot before replicating',
      })
      .option('force-rollback-to-latest-common-snapshot', {
        type: 'boolean',
        default: false,
        describe: 'Destroy destination snapshots newer than the latest common one',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'As above, and if nothing is in common destroy all destination snapshots and send in full',
      })
      .option('force-destroy-dependents', {
        type: 'boolean',
        default: false,
        describe: 'Add -R to rollback/destroy (also removes clones)',
      })
      .option('force-hard', { type: 'boolean', default: false, hidden: true })
      .option('force-unmount', { type: 'boolean', default: false, describe: 'Add -f to rollback/destroy' })
      .option('force-once', {
        alias: 'f1',
        type: 'boolean',
        default: false,
        describe: 'Use --force* at most once, then fail on the next conflict',
      })
      .option('no-resume-recv', {
        type: 'boolean',
        default: false,
        describe: 'Do not use resumable receives (zfs receive -s / zfs send -t)',
      })
      .option('create-bookmarks', {
        type: 'string',
        choices: ['all', 'hourly', 'minutely', 'secondly', 'none'],
        default: 'all',
        describe: 'Which sent source snapshots get a bookmark',
      })
      .option('no-create-bookmark', { type: 'boolean', default: false, hidden: true })
      .option('no-use-bookmark', {
        type: 'boolean',
        default: false,
        describe: 'Never use source bookmarks as incremental base',
      })
      .option('no-stream', {
        type: 'boolean',
        default: false,
        describe: 'Send only the newest selected snapshot, skipping intermediates',
      })
      .option('no-privilege-elevation', {
        alias: 'p',
        type: 'boolean',
        default: false,
        describe: 'Never use sudo; rely on zfs allow delegation',
      })
      .option('threads', {
        type: 'string',
        default: '100%',
        describe: 'Datasets replicated in parallel: N or N% of CPU cores',
      })
      .option('retries', {
        type: 'string',
        default: '2',
        describe: 'Retries of an operation that failed transiently',
      })
      // Numeric options are read as text and parsed strictly in decimal by cli/values.ts.
      .option('retry-min-sleep-secs', { type: 'string', default: '0' })
      .option('retry-initial-max-sleep-secs', { type: 'string', default: '0.125' })
      .option('retry-max-sleep-secs', { type: 'string', default: '300' })
      .option('retry-max-elapsed-secs', { type: 'string', default: '3600' })
      .option('skip-on-error', {
        type: 'string',
        choices: ['fail', 'tree', 'dataset'],
        default: 'dataset',
        describe: 'After a failure: abort, skip the subtree, or skip the dataset',
      })
      .option('skip-missing-snapshots', {
        type: 'string',
        choices: ['fail', 'dataset', 'continue'],
        default: 'dataset',
        describe: 'What to do with a source dataset that has no selected snapshot',
      })
      .option('skip-replication', { type: 'boolean', default: false, describe: 'Do not replicate' })
      .option('compare-snapshot-lists', {
        type: 'string',
        describe:
          '[src|dst|all|src+dst|src+all|dst+all|src+dst+all] After the other steps, compare the snapshots of both ' +
          'trees by GUID into a TSV file beside the log (src: only on the source, dst: only on the destination, ' +
          'all: on both; bare: src+dst+all) and log a summary per dataset',
      })
      .option('include-snapshot-regex', {
        type: 'string',
        default: [],
        describe: 'Only snapshots whose name matches one of the REGEX... (repeatable; +FILE reads a list)',
      })
      .option('exclude-snapshot-regex', {
        type: 'string',
        default: [],
        describe: 'No snapshots whose name matches one of the REGEX... (repeatable; +FILE reads a list)',
      })
      .option('include-dataset', {
        type: 'string',
        default: [],
        describe:
          'Only these datasets (relative to the root, or absolute with a leading /) and their descendants',
      })
      .option('exclude-dataset', {
        type: 'string',
        default: [],
        describe: 'Not these datasets (and their descendants)',
      })
      .option('include-dataset-regex', {
        type: 'string',
        default: [],
        describe: 'Only datasets whose path relative to the root matches (repeatable; ! negates)',
      })
      .option('exclude-dataset-regex', {
        type: 'string',
        describe:
          'No datasets whose relative path matches (repeatable; ! negates). Default: tmp/temp datasets, ' +
          "'(?:.*/)?[Tt][Ee]?[Mm][Pp][-_]?[0-9]*'; give '!.*' to exclude nothing",
      })
      .option('ssh-src-user', { type: 'string' })
      .option('ssh-dst-user', { type: 'string' })
      .option('ssh-src-host', { type: 'string' })
      .option('ssh-dst-host', { type: 'string' })
      .option('ssh-src-port', { type: 'string' })
      .option('ssh-dst-port', { type: 'string' })
      .option('ssh-src-config-file', { type: 'string' })
      .option('ssh-dst-config-file', { type: 'string' })
      .option('ssh-control-persist-secs', { type: 'string', default: '600' })
      .option('exclude-envvar-regex', {
        type: 'string',
        default: [],
        describe: 'At startup, unset the environment variables whose name matches (repeatable; ! negates)',
      })
      .option('include-envvar-regex', {
        type: 'string',
        default: [],
        describe: 'Keep these variables even if --exclude-envvar-regex matches them (repeatable; ! negates)',
      })
      .option('timeout', { type: 'string', hidden: true })
      .option('no-argument-file', { type: 'boolean', hidden: true })
  );
}

export function helpText(): Promise<string> {
  return buildParser([]).getHelp();
}
