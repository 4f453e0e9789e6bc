/**
 * Contract scenarios: partial receive state, made by a `zfs receive -s` whose stream was cut
 * short, and what it allows: reading and decoding the token, resuming, aborting.
 */
import { answers, fails, incr, listSnapshots, missing, OK, send } from './dsl.js';
import type { Scenario } from './types.js';

const PARTIAL = { type: 'filesystem', partialReceive: true, holdsData: false };
const STALE_LINE = (kind: string) =>
  `cannot receive ${kind} stream: destination dst contains partially-complete state from "zfs receive -s".`;

export const RESUME_SCENARIOS: readonly Scenario[] = [
  {
    id: 'resume-full',
    title: 'an interrupted full receive into a new dataset: its token, decoded; only the resume is received',
    setup: [
      { create: 'src' },
      { write: 'src', kb: 256 },
      { snapshot: 'src@s1' },
      { interrupted: { to: 'src@s1', into: 'dst' } },
    ],
    steps: [
      { do: { op: 'listDatasets', root: 'dst', recursive: false }, expect: answers(['dst filesystem']) },
      // Replication reads the token with the destination's dataset listing.
      {
        do: { op: 'listDatasets', root: 'dst', recursive: false, props: ['receive_resume_token'] },
        expect: answers(['dst filesystem token']),
      },
      { do: listSnapshots('dst'), expect: answers([]) },
      { do: { op: 'destinationContents', dataset: 'dst' }, expect: answers(PARTIAL) },
      { do: { op: 'resumeToken', dataset: 'dst' }, expect: answers('set') },
      { do: { op: 'decodeResumeToken', of: 'dst' }, expect: answers({ toname: 'src@s1', toguid: 'src@s1' }) },
      { do: { op: 'resumeState', dataset: 'dst' }, expect: answers({ toname: 'src@s1', toguid: 'src@s1' }) },
      {
        do: send('src@s1', 'dst', { force: true }),
        expect: fails(STALE_LINE('new filesystem'), 'stale-resume-state'),
      },
      { do: { op: 'sendResume', into: 'dst' }, expect: OK },
      { do: listSnapshots('dst'), expect: answers(['@s1 src@s1 t1']) },
      { do: { op: 'resumeToken', dataset: 'dst' }, expect: answers('none') },
      {
        do: { op: 'destinationContents', dataset: 'dst' },
        expect: answers({ ...PARTIAL, partialReceive: false, holdsData: true }),
      },
    ],
  },
  {
    id: 'abort-full',
    title:
      '`zfs receive -A` of an interrupted full receive: a dataset it created vanishes, an existing one stays',
    setup: [
      { create: 'src' },
      { write: 'src', kb: 256 },
      { snapshot: 'src@s1' },
      { interrupted: { to: 'src@s1', into: 'dst' } },
      { create: 'keep' },
      { interrupted: { to: 'src@s1', into: 'keep', force: true } },
    ],
    steps: [
      { do: { op: 'receiveAbort', dataset: 'dst' }, expect: OK },
      { do: { op: 'listDatasets', root: 'dst', recursive: false }, expect: missing('dst') },
      { do: { op: 'destinationContents', dataset: 'keep' }, expect: answers(PARTIAL) },
      { do: { op: 'receiveAbort', dataset: 'keep' }, expect: OK },
      {
        do: { op: 'destinationContents', dataset: 'keep' },
        expect: answers({ ...PARTIAL, partialReceive: false }),
      },
    ],
  },
  {
    id: 'resume-incremental',
    title:
      'an interrupted incremental receive: it blocks a rollback past, and destroying, the newest snapshot',
    setup: [
      { create: 'src' },
      { snapshot: 'src@s1' },
      { snapshot: 'src@s2' },
      { write: 'src', kb: 256 },
      { snapshot: 'src@s3' },
      send('src@s1', 'dst'),
      incr('-i', 'src@s1', 'src@s2', 'dst'),
      { interrupted: { from: 'src@s2', to: 'src@s3', into: 'dst' } },
    ],
    steps: [
      {
        do: { op: 'resumeState', dataset: 'dst' },
        expect: answers({ toname: 'src@s3', toguid: 'src@s3', fromguid: 'src@s2' }),
      },
      { do: { op: 'destinationContents', dataset: 'dst' }, expect: answers(PARTIAL) },
      {
        do: { op: 'rollback', snapshot: 'dst@s1', destroyNewer: true },
        expect: fails(
          "cannot rollback to 'dst@s1': clones of previous snapshots exist",
          'stale-resume-state',
        ),
      },
      {
        do: { op: 'destroySnapshots', dataset: 'dst', names: ['s2'] },
        expect: fails("cannot destroy 'dst@s2': snapshot has dependent clones", 'stale-resume-state'),
      },
      { do: { op: 'destroySnapshots', dataset: 'dst', names: ['s1'] }, expect: OK },
      {
        do: incr('-i', 'src@s2', 'src@s3', 'dst'),
        expect: fails(STALE_LINE('incremental'), 'stale-resume-state'),
      },
      { do: { op: 'sendResume', into: 'dst' }, expect: OK },
      { do: listSnapshots('dst'), expect: answers(['@s2 src@s2 t1', '@s3 src@s3 t2']) },
      { do: { op: 'resumeToken', dataset: 'dst' }, expect: answers('none') },
    ],
  },
];
