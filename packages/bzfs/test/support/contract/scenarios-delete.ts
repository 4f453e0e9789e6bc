/**
 * Contract scenarios: what --delete-dst-datasets and --delete-empty-dst-datasets run: the snapshot (and bookmark)
 * names of many datasets in one listing, and `zfs destroy -r` of a tree, for real and as a dry run.
 */
import { answers, missing, OK } from './dsl.js';
import type { Scenario } from './types.js';

const TREE = { op: 'listDatasets', root: '', recursive: true } as const;

export const DELETE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'delete-trees',
    title:
      'entry names of several datasets (with and without bookmarks, one missing); destroy -r of a tree, dry and real',
    setup: [
      { create: 'a' },
      { create: 'a/b' },
      { create: 'a/b/c' },
      { volume: 'a/v' },
      { create: 'd' },
      { snapshot: 'a/b@s1' },
      { snapshot: 'a/b@s2' },
      { snapshot: 'd@s3' },
    ],
    steps: [
      { do: { op: 'bookmark', snapshot: 'd@s3', bookmark: 'd#b3' }, expect: OK },
      { do: { op: 'destroySnapshots', dataset: 'd', names: ['s3'] }, expect: OK },
      // Only datasets that have entries are named; counts per dataset.
      {
        do: { op: 'listEntryNames', datasets: ['a', 'a/b', 'a/b/c', 'd'], bookmarks: true },
        expect: answers(['a/b 2 snapshot(s) 0 bookmark(s)', 'd 0 snapshot(s) 1 bookmark(s)']),
      },
      {
        do: { op: 'listEntryNames', datasets: ['a/b', 'd'], bookmarks: false },
        expect: answers(['a/b 2 snapshot(s) 0 bookmark(s)']),
      },
      { do: { op: 'listEntryNames', datasets: ['a', 'nope'], bookmarks: true }, expect: missing('nope') },
      // Everything under a that the destroy would remove (sorted: zfs's order is its walk's).
      {
        do: { op: 'destroyTreeDryRun', dataset: 'a' },
        expect: answers(['a', 'a/b', 'a/b/c', 'a/b@s1', 'a/b@s2', 'a/v']),
      },
      { do: { op: 'destroyTreeDryRun', dataset: 'nope' }, expect: missing('nope') },
      {
        do: TREE,
        expect: answers([
          '. filesystem',
          'a filesystem',
          'a/b filesystem',
          'a/b/c filesystem',
          'a/v volume',
          'd filesystem',
        ]),
      },
      { do: { op: 'destroyTree', dataset: 'a' }, expect: OK },
      { do: TREE, expect: answers(['. filesystem', 'd filesystem']) },
      { do: { op: 'destroyTree', dataset: 'a' }, expect: missing('a') },
    ],
  },
  {
    id: 'delete-partial',
    title: 'destroy -r of a dataset that only an interrupted full receive created: it goes with its state',
    setup: [
      { create: 'src' },
      { write: 'src', kb: 256 },
      { snapshot: 'src@s1' },
      { interrupted: { to: 'src@s1', into: 'p' } },
    ],
    steps: [
      { do: { op: 'resumeToken', dataset: 'p' }, expect: answers('set') },
      { do: { op: 'destroyTree', dataset: 'p' }, expect: OK },
      { do: TREE, expect: answers(['. filesystem', 'src filesystem']) },
    ],
  },
];
