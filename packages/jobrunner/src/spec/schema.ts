/**
 * JSON Schema (draft-07) of the job spec. ajv validates against it, and `npm run gen:schema` writes it
 * to `schema/jobrunner-spec.schema.json` for editors (`# yaml-language-server: $schema=...`). Rules
 * that relate several values (e.g. `^SRC_HOST` with several sources) live in `semantic.ts`.
 */
import { MAX_TIMER_SECONDS, WORKER_TIMEOUT_SECONDS, WORK_PERIOD_SECONDS } from '../cli/settings.js';
import {
  DATASET_EXPECTED,
  DURATION_EXPECTED,
  DURATION_PATTERN,
  HOST_EXPECTED,
  HOST_PATTERN,
  PERIOD_EXPECTED,
  PERIOD_PATTERN,
  USER_PATTERN,
  WORKERS_PATTERN,
} from './names.js';

const host = {
  type: 'string',
  minLength: 1,
  pattern: HOST_PATTERN,
  description: `A source host as ssh reaches it: ${HOST_EXPECTED}.`,
} as const;

const snapshotPlan = (what: string) =>
  ({
    type: 'object',
    description: `${what}: {org: {target: {period: count}}}. A count of 0 keeps (or creates) none of that period.`,
    additionalProperties: {
      title: 'org',
      type: 'object',
      description: 'An organization: the first part of snapshot names (prod_onsite_<timestamp>_hourly).',
      additionalProperties: {
        title: 'target',
        type: 'object',
        description:
          'A logical target (onsite, us-west, ...; "" is allowed): the second part of snapshot names.',
        propertyNames: { pattern: PERIOD_PATTERN, description: PERIOD_EXPECTED },
        additionalProperties: {
          title: 'period',
          type: 'integer',
          minimum: 0,
          description: `How many snapshots of this period to keep; the key is ${PERIOD_EXPECTED}.`,
        },
      },
    },
  }) as const;

const thresholds = {
  type: 'object',
  additionalProperties: false,
  properties: {
    warning: {
      type: 'string',
      pattern: DURATION_PATTERN,
      description: `WARNING when the latest snapshot is older than one period plus this; ${DURATION_EXPECTED}.`,
    },
    critical: {
      type: 'string',
      pattern: DURATION_PATTERN,
      description: `CRITICAL when the latest snapshot is older than one period plus this; ${DURATION_EXPECTED}.`,
    },
    srcSnapshotCycles: {
      type: 'integer',
      minimum: 0,
      description: 'Periods the oldest source snapshot may span (default: the count in srcSnapshotPlan).',
    },
    dstSnapshotCycles: {
      type: 'integer',
      minimum: 0,
      description:
        'Periods the oldest destination snapshot may span (default: the count in dstSnapshotPlan).',
    },
    oldestSkipHolds: {
      type: 'boolean',
      description: "Ignore snapshots that carry a 'zfs hold' for the oldest check.",
    },
  },
} as const;

const daemonFrequency = (actions: string) =>
  ({
    type: 'string',
    pattern: PERIOD_PATTERN,
    description: `The period of the ${actions} daemons: ${PERIOD_EXPECTED}.`,
  }) as const;

const sshSide = {
  type: 'object',
  description: 'ssh settings of this side.',
  additionalProperties: false,
  properties: {
    user: { type: 'string', pattern: USER_PATTERN, description: 'ssh user on the hosts of this side.' },
    port: { type: 'integer', minimum: 1, maximum: 65535, description: 'ssh port.' },
    configFile: { type: 'string', minLength: 1, description: 'ssh_config(5) file (ssh -F).' },
  },
} as const;

export const jobSpecSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'bzfs-jobrunner job spec',
  description: 'One fleet-wide description of snapshot creation, replication, pruning and monitoring.',
  type: 'object',
  additionalProperties: false,
  required: ['jobId', 'rootDatasetPairs', 'srcHosts', 'dstHosts'],
  properties: {
    $schema: {
      type: 'string',
      description: 'Location of this schema, for editors; ignored by the jobrunner.',
    },
    jobId: {
      type: 'string',
      minLength: 1,
      description: 'Stable name of this job; part of every log file name.',
    },
    rootDatasetPairs: {
      type: 'array',
      minItems: 1,
      description: 'Source and destination root datasets, without host names.',
      items: {
        type: 'object',
        description: 'One pair.',
        additionalProperties: false,
        required: ['src', 'dst'],
        properties: {
          src: { type: 'string', minLength: 1, description: `Source dataset: ${DATASET_EXPECTED}.` },
          dst: {
            type: 'string',
            minLength: 1,
            description: "Destination dataset, below the destination's root.",
          },
        },
      },
    },
    recursive: { type: 'boolean', description: 'Also process the descendants of each root dataset.' },
    srcHosts: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: host,
      description: 'Source hosts (as ssh reaches them).',
    },
    dstHosts: {
      type: 'object',
      minProperties: 1,
      description: 'Destination hosts, each with its root prefix and logical targets.',
      propertyNames: { pattern: HOST_PATTERN, description: HOST_EXPECTED },
      additionalProperties: {
        title: 'host',
        type: 'object',
        description: `A destination host (as ssh reaches it): ${HOST_EXPECTED}.`,
        additionalProperties: false,
        required: ['root', 'targets'],
        properties: {
          root: {
            type: 'string',
            description:
              'Prefix of every destination dataset; ^SRC_HOST and ^DST_HOST are substituted; "" = none.',
          },
          targets: {
            type: 'array',
            uniqueItems: true,
            items: { type: 'string' },
            description: 'Logical targets replicated to this host, e.g. [onsite]; "" is a valid target.',
          },
          retainTargets: {
            type: 'array',
            uniqueItems: true,
            items: { type: 'string' },
            description: 'Targets whose snapshots pruning keeps on this host (default: targets).',
          },
        },
      },
    },
    srcSnapshotPlan: snapshotPlan('Snapshots to create on, and keep on, the sources'),
    srcBookmarkPlan: snapshotPlan('Bookmarks to keep on the sources'),
    dstSnapshotPlan: snapshotPlan('Snapshots to replicate to, and keep on, the destinations'),
    monitorSnapshotPlan: {
      type: 'object',
      description:
        'Alert when the latest or oldest snapshot is too old: {org: {target: {period: thresholds}}}.',
      additionalProperties: {
        title: 'org',
        type: 'object',
        description: 'An organization, as in the snapshot plans.',
        additionalProperties: {
          title: 'target',
          type: 'object',
          description: 'A target, as in the snapshot plans.',
          propertyNames: { pattern: PERIOD_PATTERN, description: PERIOD_EXPECTED },
          additionalProperties: {
            ...thresholds,
            title: 'period',
            description: `Age limits for the snapshots of this period; the key is ${PERIOD_EXPECTED}.`,
          },
        },
      },
    },
    ssh: {
      type: 'object',
      additionalProperties: false,
      properties: { src: sshSide, dst: sshSide },
      description: 'ssh settings per side.',
    },
    bzfsOptions: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Extra bzfs options for every run, e.g. ["--threads=4"]. Options the jobrunner sets are refused.',
    },
    logDir: {
      type: 'string',
      minLength: 1,
      // bzfs refuses a --log-dir whose last component lacks "bzfs-logs"; catch it before anything runs.
      pattern: '(^|/)[^/]*bzfs-logs[^/]*/?$',
      description:
        'Directory of the per-run log files (also bzfs --log-dir); its last component must contain "bzfs-logs".',
    },
    workers: {
      type: ['integer', 'string'],
      minimum: 1,
      pattern: WORKERS_PATTERN,
      description:
        'A count of bzfs runs at once, or a percentage of the CPU cores such as "100%" (the default).',
    },
    jitter: {
      type: 'boolean',
      description: 'Shuffle host order and delay the first start randomly, against thundering herds.',
    },
    workPeriodSeconds: {
      type: 'number',
      ...WORK_PERIOD_SECONDS,
      description: `Spread the starts of the runs evenly over this many seconds (default 0: start at once); at most ${MAX_TIMER_SECONDS}, Node's timer limit.`,
    },
    workerTimeoutSeconds: {
      type: 'number',
      ...WORKER_TIMEOUT_SECONDS,
      description: `Kill a run, with all its child processes, after this many seconds; at most ${MAX_TIMER_SECONDS}, Node's timer limit.`,
    },
    daemonFrequencies: {
      type: 'object',
      additionalProperties: false,
      description:
        'How often a bzfs daemon (--daemon-lifetime in bzfsOptions or on the command line) runs each action; ' +
        'passed to the runs as --daemon-frequency (bzfs default: minutely). Creation follows srcSnapshotPlan.',
      properties: {
        replication: daemonFrequency('replicate'),
        pruneSrc: daemonFrequency('prune-src-snapshots and prune-src-bookmarks'),
        pruneDst: daemonFrequency('prune-dst-snapshots'),
        monitorSnapshots: daemonFrequency('monitor-src-snapshots and monitor-dst-snapshots'),
      },
    },
  },
} as const;
