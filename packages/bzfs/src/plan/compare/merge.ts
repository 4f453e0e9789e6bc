import type { CompareEntry, CompareLocation } from './types.js';

/**
 * Pure: one dataset's entries of both sides, merged by GUID. A GUID on both sides is `all` (with
 * the source's entry), otherwise `src` or `dst`. On the source a snapshot stands for its GUID
 * rather than a bookmark of it (a bookmark counts only once its snapshot is gone), and of several
 * bookmarks of one GUID the first by name. Unordered: the caller sorts.
 */
export function mergeByGuid(
  src: readonly CompareEntry[],
  dst: readonly CompareEntry[],
): { readonly location: CompareLocation; readonly entry: CompareEntry }[] {
  const srcByGuid = new Map<string, CompareEntry>();
  for (const e of src) {
    const seen = srcByGuid.get(e.guid);
    if (seen === undefined || preferred(e, seen)) srcByGuid.set(e.guid, e);
  }
  const dstGuids = new Set(dst.map((e) => e.guid));
  return [
    ...[...srcByGuid.values()].map((entry) => ({
      location: dstGuids.has(entry.guid) ? ('all' as const) : ('src' as const),
      entry,
    })),
    ...dst.filter((e) => !srcByGuid.has(e.guid)).map((entry) => ({ location: 'dst' as const, entry })),
  ];
}

function preferred(e: CompareEntry, over: CompareEntry): boolean {
  if (e.kind !== over.kind) return e.kind === 'snapshot';
  return e.name < over.name;
}
