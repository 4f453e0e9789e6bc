/** Contract scenarios: bzfs's queries, and the commands that change a dataset without a stream. */
import { answers, fails, listSnapshots, missing, OK } from './dsl.js';
import type { Scenario } from './types.js';

const EMPTY_FS = { type: 'filesystem', partialReceive: false, holdsData: false };

export const QUERY_SCENARIOS: readonly Scenario[] = [
  {
    id: 'listings',
    title: 'snapshots and bookmarks of a dataset, of a missing one; datasets, recursively or not; a volume',
    setup: [
      { create: 'src' },
      { create: 'src/a' },
      { create: 'src-b' },
      { volume: 'vol' },
      { snapshot: 'src@s1' },
      { snapshot: 'src@s2' },
    ],
    steps: [
      { do: { op: 'bookmark', snapshot: 'src@s1', bookmark: 'src#b1' }, expect: OK },
      // A bookmark has its snapshot's GUID and createtxg, and is listed right after it.
      { do: listSnapshots('src'), expect: answers(['@s1 src@s1 t1', '#b1 src@s1 t1', '@s2 src@s2 t2']) },
      { do: listSnapshots('src/a'), expect: answers([]) },
      { do: listSnapshots('nope'), expect: missing('nope') },
      {
        do: { op: 'listDatasets', root: '', recursive: true },
        expect: answers([
          '. filesystem',
          'src filesystem',
          'src-b filesystem',
          'src/a filesystem',
          'vol volume',
        ]),
      },
      { do: { op: 'listDatasets', root: 'src', recursive: false }, expect: answers(['src filesystem']) },
      { do: { op: 'listDatasets', root: 'nope', recursive: true }, expect: missing('nope') },
      {
        do: { op: 'destinationContents', dataset: 'vol' },
        expect: answers({ ...EMPTY_FS, type: 'volume' }),
      },
    ],
  },
  {
    id: 'compare-listings',
    title: '--compare-snapshot-lists: a tree with bookmarks, without, a dataset alone; a missing root',
    setup: [{ create: 'src' }, { create: 'src/a' }, { snapshot: 'src@s1' }, { snapshot: 'src/a@s2' }],
    steps: [
      { do: { op: 'bookmark', snapshot: 'src@s1', bookmark: 'src#b1' }, expect: OK },
      {
        do: { op: 'listCompareEntries', root: 'src', recursive: true, bookmarks: true },
        expect: answers(['src#b1 src@s1 -', 'src/a@s2 src/a@s2 written', 'src@s1 src@s1 written']),
      },
      {
        do: { op: 'listCompareEntries', root: 'src', recursive: true, bookmarks: false },
        expect: answers(['src/a@s2 src/a@s2 written', 'src@s1 src@s1 written']),
      },
      {
        do: { op: 'listCompareEntries', root: 'src', recursive: false, bookmarks: true },
        expect: answers(['src#b1 src@s1 -', 'src@s1 src@s1 written']),
      },
      {
        do: { op: 'listCompareEntries', root: 'nope', recursive: true, bookmarks: true },
        expect: missing('nope'),
      },
    ],
  },
  {
    id: 'contents',
    title: 'the destination-contents query: empty, holding data, missing; the resume token of neither',
    setup: [{ create: 'empty' }, { create: 'full' }, { write: 'full', kb: 256 }],
    steps: [
      { do: { op: 'destinationContents', dataset: 'empty' }, expect: answers(EMPTY_FS) },
      {
        do: { op: 'destinationContents', dataset: 'full' },
        expect: answers({ ...EMPTY_FS, holdsData: true }),
      },
      { do: { op: 'destinationContents', dataset: 'nope' }, expect: missing('nope') },
      { do: { op: 'resumeToken', dataset: 'empty' }, expect: answers('none') },
      { do: { op: 'resumeToken', dataset: 'nope' }, expect: missing('nope') },
      { do: { op: 'resumeState', dataset: 'empty' }, expect: answers('none') },
    ],
  },
  {
    id: 'create',
    title: '`zfs create -u`: of a missing parent, of an existing dataset',
    setup: [],
    steps: [
      {
        do: { op: 'createUnmounted', dataset: 'a/b' },
        expect: fails("cannot create 'a/b': parent does not exist"),
      },
      { do: { op: 'createUnmounted', dataset: 'a' }, expect: OK },
      { do: { op: 'createUnmounted', dataset: 'a/b' }, expect: OK },
      // bzfs's "bookmark exists" classifier matches "already exists" too.
      {
        do: { op: 'createUnmounted', dataset: 'a' },
        expect: fails("cannot create 'a': dataset already exists", 'bookmark-exists'),
      },
      {
        do: { op: 'listDatasets', root: '', recursive: true },
        expect: answers(['. filesystem', 'a filesystem', 'a/b filesystem']),
      },
    ],
  },
  {
    id: 'abort-tokens',
    title: '`zfs receive -A` without partial state, of a missing dataset; a corrupt token',
    setup: [{ create: 'e' }],
    steps: [
      {
        do: { op: 'receiveAbort', dataset: 'e' },
        expect: fails("'e' does not have any resumable receive state to abort"),
      },
      { do: { op: 'receiveAbort', dataset: 'nope' }, expect: missing('nope') },
      {
        do: { op: 'decodeResumeToken', token: '1-garbage-xyz' },
        expect: fails(
          'cannot resume send: resume token is corrupt (invalid format)',
          'resume-token-rejected',
        ),
      },
    ],
  },
  {
    id: 'snapshot',
    title:
      '`zfs snapshot`: several names in one command, -r over a tree; an existing one fails them all; a missing dataset',
    setup: [{ create: 'a' }, { create: 'a/b' }, { create: 'c' }, { snapshot: 'c@old' }],
    steps: [
      { do: { op: 'snapshot', snapshots: ['a@n1', 'c@n1'], recursive: false }, expect: OK },
      { do: { op: 'snapshot', snapshots: ['a@n2'], recursive: true }, expect: OK },
      { do: listSnapshots('a'), expect: answers(['@n1 a@n1 t1', '@n2 a@n2 t2']) },
      { do: listSnapshots('a/b'), expect: answers(['@n2 a/b@n2 t1']) },
      { do: listSnapshots('c'), expect: answers(['@old c@old t1', '@n1 c@n1 t2']) },
      // Atomic: c@old exists, so a@old is not made either.
      {
        do: { op: 'snapshot', snapshots: ['a@old', 'c@old'], recursive: false },
        expect: fails("cannot create snapshot 'c@old': dataset already exists", 'bookmark-exists'),
      },
      { do: listSnapshots('a'), expect: answers(['@n1 a@n1 t1', '@n2 a@n2 t2']) },
      { do: { op: 'snapshot', snapshots: ['nope@x'], recursive: false }, expect: missing('nope') },
    ],
  },
  {
    id: 'bookmarks',
    title: 'bookmark creation; an existing one; of a missing snapshot; the bookmark outlives its snapshot',
    setup: [{ create: 'src' }, { snapshot: 'src@s1' }, { snapshot: 'src@s2' }],
    steps: [
      { do: { op: 'bookmark', snapshot: 'src@s1', bookmark: 'src#s1' }, expect: OK },
      {
        do: { op: 'bookmark', snapshot: 'src@s1', bookmark: 'src#s1' },
        expect: fails("cannot create bookmark 'src#s1': bookmark exists", 'bookmark-exists'),
      },
      { do: { op: 'bookmark', snapshot: 'src@nope', bookmark: 'src#x' }, expect: missing('src@nope') },
      { do: { op: 'destroySnapshots', dataset: 'src', names: ['s1'] }, expect: OK },
      { do: listSnapshots('src'), expect: answers(['#s1 src@s1 t1', '@s2 src@s2 t2']) },
    ],
  },
  {
    id: 'destroy',
    title: 'destroying snapshots by a comma list: some names missing, all missing, a missing dataset',
    setup: [
      { create: 'src' },
      { snapshot: 'src@s1' },
      { snapshot: 'src@s2' },
      { snapshot: 'src@s3' },
      { snapshot: 'src@s4' },
    ],
    steps: [
      { do: { op: 'destroySnapshots', dataset: 'src', names: ['s1', 's3'] }, expect: OK },
      { do: listSnapshots('src'), expect: answers(['@s2 src@s2 t1', '@s4 src@s4 t2']) },
      {
        do: { op: 'destroySnapshots', dataset: 'src', names: ['s1', 'zz'] },
        expect: fails('could not find any snapshots to destroy; check snapshot names.', 'already-destroyed'),
      },
      { do: { op: 'destroySnapshots', dataset: 'src', names: ['s2', 'zz'] }, expect: OK },
      { do: listSnapshots('src'), expect: answers(['@s4 src@s4 t1']) },
      { do: { op: 'destroySnapshots', dataset: 'nope', names: ['s1'] }, expect: missing('nope') },
    ],
  },
  {
    id: 'destroy-bookmarks',
    title: 'destroying bookmarks one per command: the snapshot stays; a missing bookmark is refused',
    setup: [{ create: 'src' }, { snapshot: 'src@s1' }, { snapshot: 'src@s2' }],
    steps: [
      { do: { op: 'bookmark', snapshot: 'src@s1', bookmark: 'src#b1' }, expect: OK },
      { do: { op: 'bookmark', snapshot: 'src@s2', bookmark: 'src#b2' }, expect: OK },
      { do: { op: 'destroyBookmark', dataset: 'src', name: 'b1' }, expect: OK },
      {
        do: { op: 'destroyBookmark', dataset: 'src', name: 'b1' },
        expect: fails("bookmark 'src#b1' does not exist.", 'already-destroyed'),
      },
      { do: listSnapshots('src'), expect: answers(['@s1 src@s1 t1', '@s2 src@s2 t2', '#b2 src@s2 t2']) },
    ],
  },
  {
    id: 'prune-queries',
    title:
      'what pruning reads: candidates with their holds, a dry-run destroy; a held snapshot is not destroyed',
    setup: [
      { create: 'src' },
      { snapshot: 'src@s1' },
      { write: 'src', kb: 64 },
      { snapshot: 'src@s2' },
      { snapshot: 'src@s3' },
      { hold: 'src@s2' },
    ],
    steps: [
      { do: { op: 'bookmark', snapshot: 'src@s1', bookmark: 'src#b1' }, expect: OK },
      {
        do: { op: 'listPruneCandidates', dataset: 'src', kind: 'snapshot' },
        expect: answers(['@s1 src@s1 t1 holds0', '@s2 src@s2 t2 holds1', '@s3 src@s3 t3 holds0']),
      },
      {
        do: { op: 'listPruneCandidates', dataset: 'src', kind: 'bookmark' },
        expect: answers(['#b1 src@s1 t1 holds0']),
      },
      { do: { op: 'listPruneCandidates', dataset: 'nope', kind: 'snapshot' }, expect: missing('nope') },
      // Oldest first, whatever the order asked; names that do not exist are passed over.
      {
        do: { op: 'destroySnapshotsDryRun', dataset: 'src', names: ['s3', 'zz', 's1'] },
        expect: answers({ wouldDestroy: ['src@s1', 'src@s3'], exact: true }),
      },
      {
        do: { op: 'destroySnapshotsDryRun', dataset: 'src', names: ['zz'] },
        expect: fails('could not find any snapshots to destroy; check snapshot names.', 'already-destroyed'),
      },
      { do: { op: 'destroySnapshotsDryRun', dataset: 'nope', names: ['s1'] }, expect: missing('nope') },
      // All or nothing: s1 stays too.
      {
        do: { op: 'destroySnapshots', dataset: 'src', names: ['s1', 's2'] },
        expect: fails(
          "cannot destroy snapshot src@s2: it's being held. Run 'zfs holds -r src@s2' to see holders.",
        ),
      },
      {
        do: listSnapshots('src'),
        expect: answers(['@s1 src@s1 t1', '#b1 src@s1 t1', '@s2 src@s2 t2', '@s3 src@s3 t3']),
      },
    ],
  },
  {
    id: 'monitor-listing',
    title:
      'what monitoring reads: the snapshots of many datasets in one listing, with holds; no bookmarks; a dataset without snapshots; one that does not exist',
    setup: [
      { create: 'a' },
      { create: 'a/b' },
      { create: 'c' },
      { snapshot: 'a@s1' },
      { snapshot: 'c@s1' },
      { snapshot: 'a@s2' },
      { hold: 'a@s2' },
    ],
    steps: [
      { do: { op: 'bookmark', snapshot: 'a@s1', bookmark: 'a#b1' }, expect: OK },
      {
        do: { op: 'listSnapshotsOf', datasets: ['a', 'a/b', 'c'] },
        expect: answers({
          a: ['@s1 a@s1 t1 holds0', '@s2 a@s2 t2 holds1'],
          'a/b': [],
          c: ['@s1 c@s1 t1 holds0'],
        }),
      },
      // zfs names the missing one on stderr and still lists the others (exit 1): the others are the answer.
      {
        do: { op: 'listSnapshotsOf', datasets: ['nope', 'c', 'gone/x'] },
        expect: answers({ c: ['@s1 c@s1 t1 holds0'] }),
      },
      { do: { op: 'listSnapshotsOf', datasets: ['nope'] }, expect: answers({}) },
      // What replication's mini-batches read: snapshots and bookmarks of several datasets in one listing.
      {
        do: { op: 'listSnapshotsAndBookmarksOf', datasets: ['a', 'a/b', 'c'] },
        expect: answers({
          a: ['@s1 a@s1 t1', '#b1 a@s1 t1', '@s2 a@s2 t2'],
          'a/b': [],
          c: ['@s1 c@s1 t1'],
        }),
      },
      {
        do: { op: 'listSnapshotsAndBookmarksOf', datasets: ['c', 'nope', 'a/b'] },
        expect: answers({ c: ['@s1 c@s1 t1'], 'a/b': [] }),
      },
      // The dataset listings with the columns replication reads: no partial receive here; snapshots_changed is
      // set where snapshots were made (OpenZFS >= 2.2), unset (`-`) on a dataset that never had one.
      {
        do: {
          op: 'listDatasets',
          root: '',
          recursive: true,
          props: ['receive_resume_token', 'snapshots_changed'],
        },
        expect: answers([
          '. filesystem - -',
          'a filesystem - changed',
          'a/b filesystem - -',
          'c filesystem - changed',
        ]),
      },
    ],
  },
  {
    id: 'rollback',
    title: 'rollback: refused past newer snapshots and bookmarks without -r; -r destroys them',
    setup: [{ create: 'src' }, { snapshot: 'src@s1' }, { snapshot: 'src@s2' }, { snapshot: 'src@s3' }],
    steps: [
      { do: { op: 'bookmark', snapshot: 'src@s3', bookmark: 'src#b3' }, expect: OK },
      {
        do: { op: 'rollback', snapshot: 'src@s1', destroyNewer: false },
        expect: fails("cannot rollback to 'src@s1': more recent snapshots or bookmarks exist"),
      },
      { do: { op: 'rollback', snapshot: 'src@s2', destroyNewer: true }, expect: OK },
      { do: listSnapshots('src'), expect: answers(['@s1 src@s1 t1', '@s2 src@s2 t2']) },
      { do: { op: 'rollback', snapshot: 'src@s2', destroyNewer: false }, expect: OK },
      { do: { op: 'rollback', snapshot: 'src@nope', destroyNewer: true }, expect: missing('src@nope') },
    ],
  },
];
