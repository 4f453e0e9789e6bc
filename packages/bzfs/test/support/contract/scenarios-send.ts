/** Contract scenarios: `zfs send | zfs receive` as bzfs builds it, and ZFS's rules for receiving. */
import { answers, fails, incr, listSnapshots, missing, OK, send } from './dsl.js';
import type { Scenario } from './types.js';

const MODIFIED = 'cannot receive incremental stream: destination dst has been modified';

export const SEND_SCENARIOS: readonly Scenario[] = [
  {
    id: 'full-incremental',
    title: 'a full send into a new dataset, then -i and -I; snapshots already there are passed over',
    setup: [
      { create: 'src' },
      { write: 'src', kb: 256 },
      { snapshot: 'src@s1' },
      { snapshot: 'src@s2' },
      { snapshot: 'src@s3' },
      { snapshot: 'src@s4' },
    ],
    steps: [
      { do: send('src@s1', 'dst'), expect: OK },
      { do: listSnapshots('dst'), expect: answers(['@s1 src@s1 t1']) },
      // The received data counts: this destination is no longer "empty".
      {
        do: { op: 'destinationContents', dataset: 'dst' },
        expect: answers({ type: 'filesystem', partialReceive: false, holdsData: true }),
      },
      // What bzfs asks before each send when a run report wants its bytes.
      {
        do: { op: 'sendSizeEstimate', from: { flag: '-i', name: 'src@s1' }, to: 'src@s2' },
        expect: answers('sized'),
      },
      { do: incr('-i', 'src@s1', 'src@s2', 'dst'), expect: OK },
      { do: incr('-I', 'src@s2', 'src@s4', 'dst'), expect: OK },
      {
        do: listSnapshots('dst'),
        expect: answers(['@s1 src@s1 t1', '@s2 src@s2 t2', '@s3 src@s3 t3', '@s4 src@s4 t4']),
      },
      { do: incr('-i', 'src@s3', 'src@s4', 'dst'), expect: OK },
      {
        do: listSnapshots('dst'),
        expect: answers(['@s1 src@s1 t1', '@s2 src@s2 t2', '@s3 src@s3 t3', '@s4 src@s4 t4']),
      },
    ],
  },
  {
    id: 'base-not-newest',
    title: 'an incremental whose base is not the newest destination snapshot, with data in between: refused',
    setup: [
      { create: 'src' },
      { snapshot: 'src@s1' },
      { write: 'src', kb: 64 },
      { snapshot: 'src@s2' },
      { snapshot: 'src@s3' },
      send('src@s1', 'dst'),
      incr('-i', 'src@s1', 'src@s2', 'dst'),
    ],
    steps: [
      { do: incr('-i', 'src@s1', 'src@s3', 'dst'), expect: fails(MODIFIED, 'modified-since-snapshot') },
      { do: listSnapshots('dst'), expect: answers(['@s1 src@s1 t1', '@s2 src@s2 t2']) },
    ],
  },
  {
    id: 'base-not-newest-same-data',
    title:
      'an incremental whose base is not the newest destination snapshot, nothing written since: received',
    setup: [
      { create: 'src' },
      { snapshot: 'src@s1' },
      { snapshot: 'src@s2' },
      { snapshot: 'src@s3' },
      send('src@s1', 'dst'),
      incr('-i', 'src@s1', 'src@s2', 'dst'),
    ],
    steps: [
      { do: incr('-i', 'src@s1', 'src@s3', 'dst'), expect: OK },
      { do: listSnapshots('dst'), expect: answers(['@s1 src@s1 t1', '@s2 src@s2 t2', '@s3 src@s3 t3']) },
    ],
  },
  {
    id: 'modified-destination',
    title:
      'an incremental into a destination written to after its newest snapshot: refused; with -F rolled back',
    setup: [
      { create: 'src' },
      { snapshot: 'src@s1' },
      { snapshot: 'src@s2' },
      send('src@s1', 'dst'),
      { write: 'dst', kb: 64 },
    ],
    steps: [
      { do: incr('-i', 'src@s1', 'src@s2', 'dst'), expect: fails(MODIFIED, 'modified-since-snapshot') },
      { do: incr('-i', 'src@s1', 'src@s2', 'dst', true), expect: OK },
      { do: listSnapshots('dst'), expect: answers(['@s1 src@s1 t1', '@s2 src@s2 t2']) },
    ],
  },
  {
    id: 'full-into-existing',
    title: 'a full receive into a dataset with snapshots: refused without -F, and with it',
    setup: [{ create: 'src' }, { snapshot: 'src@s1' }, send('src@s1', 'dst')],
    steps: [
      {
        do: send('src@s1', 'dst'),
        expect: fails("cannot receive new filesystem stream: destination 'dst' exists"),
      },
      {
        do: send('src@s1', 'dst', { force: true }),
        expect: fails('cannot receive new filesystem stream: destination has snapshots (eg. dst@s1)'),
      },
      { do: listSnapshots('dst'), expect: answers(['@s1 src@s1 t1']) },
    ],
  },
  {
    id: 'full-overwrites',
    title:
      'a full receive into a dataset without snapshots that holds data: needs -F, which replaces the data',
    setup: [{ create: 'src' }, { snapshot: 'src@s1' }, { create: 'dst' }, { write: 'dst', kb: 256 }],
    steps: [
      {
        do: { op: 'destinationContents', dataset: 'dst' },
        expect: answers({ type: 'filesystem', partialReceive: false, holdsData: true }),
      },
      {
        do: send('src@s1', 'dst'),
        expect: fails("cannot receive new filesystem stream: destination 'dst' exists"),
      },
      { do: send('src@s1', 'dst', { force: true }), expect: OK },
      { do: listSnapshots('dst'), expect: answers(['@s1 src@s1 t1']) },
      {
        do: { op: 'destinationContents', dataset: 'dst' },
        expect: answers({ type: 'filesystem', partialReceive: false, holdsData: false }),
      },
    ],
  },
  {
    id: 'from-bookmark',
    title: 'an incremental from a bookmark: -i is received, -I refused by zfs send',
    setup: [
      { create: 'src' },
      { snapshot: 'src@s1' },
      { snapshot: 'src@s2' },
      { snapshot: 'src@s3' },
      send('src@s1', 'dst'),
    ],
    steps: [
      { do: { op: 'bookmark', snapshot: 'src@s1', bookmark: 'src#s1' }, expect: OK },
      { do: { op: 'destroySnapshots', dataset: 'src', names: ['s1'] }, expect: OK },
      {
        do: incr('-I', 'src#s1', 'src@s3', 'dst'),
        expect: fails('Error: multiple snapshots cannot be sent from a bookmark.'),
      },
      { do: incr('-i', 'src#s1', 'src@s2', 'dst'), expect: OK },
      { do: listSnapshots('dst'), expect: answers(['@s1 src@s1 t1', '@s2 src@s2 t2']) },
    ],
  },
  {
    id: 'missing-targets',
    title: 'a receive into a missing parent, an incremental into a missing dataset, a missing snapshot sent',
    setup: [{ create: 'src' }, { snapshot: 'src@s1' }, { snapshot: 'src@s2' }],
    steps: [
      { do: send('src@s1', 'no/child'), expect: missing('no') },
      {
        do: incr('-i', 'src@s1', 'src@s2', 'nope'),
        expect: fails("cannot receive incremental stream: destination 'nope' does not exist"),
      },
      { do: send('src@zz', 'dst'), expect: missing('src@zz') },
      {
        do: { op: 'listDatasets', root: '', recursive: true },
        expect: answers(['. filesystem', 'src filesystem']),
      },
    ],
  },
  {
    id: 'dry-run',
    title: 'a dry-run receive (-n) creates nothing',
    setup: [{ create: 'src' }, { snapshot: 'src@s1' }],
    steps: [
      { do: send('src@s1', 'dst', { dryRun: true }), expect: OK },
      { do: { op: 'listDatasets', root: 'dst', recursive: false }, expect: missing('dst') },
    ],
  },
];
