/**
 * A tiny DSL for planner tests (pure, no jest import).
 *
 * `snaps('d1', 'h1', '#b2', 'd2')` builds SnapshotRefs of dataset `pool/src` with increasing createtxg:
 * - a leading `#` makes a bookmark (`#b2` is bookmark `b2`);
 * - the GUID is derived from the name without `#`, so `s1` on the source, `s1` on the destination and bookmark `#s1`
 *   share a GUID (as a real bookmark shares its snapshot's GUID);
 * - `name:guid` overrides the GUID (e.g. `s1:42` is "same name, different GUID");
 * - a bookmark named like a snapshot listed before it in the same call reuses that snapshot's createtxg.
 */
import type { SnapshotRef } from '../../src/model/snapshot.js';
import type { SendStep } from '../../src/plan/types.js';

const SRC = 'pool/src';
const DST = 'pool/dst';

/** A deterministic 64-bit GUID (FNV-1a of the name) as a decimal string; most exceed 2^53. */
export function guidOf(name: string): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of name) {
    h ^= BigInt(ch.codePointAt(0) ?? 0);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString();
}

function snapsIn(dataset: string, ...specs: string[]): SnapshotRef[] {
  const out: SnapshotRef[] = [];
  let txg = 0n;
  for (const spec of specs) {
    const isBookmark = spec.startsWith('#');
    const body = isBookmark ? spec.slice(1) : spec;
    const colon = body.indexOf(':');
    const name = colon < 0 ? body : body.slice(0, colon);
    const guid = colon < 0 ? guidOf(name) : body.slice(colon + 1);
    const twin = isBookmark ? out.find((s) => s.kind === 'snapshot' && s.name === name) : undefined;
    let createtxg: bigint;
    if (twin !== undefined) {
      createtxg = twin.createtxg;
    } else {
      txg += 10n;
      createtxg = txg;
    }
    out.push({
      kind: isBookmark ? 'bookmark' : 'snapshot',
      dataset,
      name,
      guid,
      createtxg,
      creation: 1_700_000_000 + Number(createtxg),
    });
  }
  return out;
}

/** Source-side refs (dataset `pool/src`). */
export const snaps = (...specs: string[]): SnapshotRef[] => snapsIn(SRC, ...specs);
/** Destination-side refs (dataset `pool/dst`). */
export const dstSnaps = (...specs: string[]): SnapshotRef[] => snapsIn(DST, ...specs);

/** Short name with `#` for bookmarks: `s1`, `#b1`. */
export function short(s: SnapshotRef): string {
  return s.kind === 'bookmark' ? `#${s.name}` : s.name;
}

/** Renders steps compactly: `full s1`, `-i s1 s2`, `-I #b1 s3`, `resume s3`. */
export function renderSteps(steps: readonly SendStep[]): string[] {
  return steps.map((st) => {
    switch (st.kind) {
      case 'full':
        return `full ${short(st.to)}`;
      case 'incremental':
        return `${st.flag} ${short(st.from)} ${short(st.to)}`;
      case 'resume':
        return `resume ${short(st.to)}`;
    }
  });
}

/** Selection by name: everything whose name does not start with one of the excluded prefixes. */
export function exceptPrefix(...prefixes: string[]): (s: SnapshotRef) => boolean {
  return (s) => !prefixes.some((p) => s.name.startsWith(p));
}
