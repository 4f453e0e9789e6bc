/**
 * Turns what a ZFS answered into what the fake and a real pool must agree on: names relative to
 * the scenario's root, GUIDs named after the snapshot that made them, txgs as ranks, stderr as
 * bzfs classifies it. Pure.
 */
import { isRetryableFailure } from '../../../src/exec/retryable.js';
import type { CommandResult } from '../../../src/exec/runner.js';
import type { SnapshotRef } from '../../../src/model/snapshot.js';
import type { ResumeState } from '../../../src/plan/types.js';
import {
  isAlreadyDestroyed,
  isBookmarkExists,
  isDatasetMissing,
  isModifiedSinceSnapshot,
  isResumeTokenRejected,
  isStaleResumeState,
} from '../../../src/zfs/stderr.js';
import type { Outcome, SnapshotIdentity, StderrClass } from './types.js';

const CLASSIFIERS: readonly [StderrClass, (stderr: string) => boolean][] = [
  ['dataset-missing', isDatasetMissing],
  ['bookmark-exists', isBookmarkExists],
  ['stale-resume-state', isStaleResumeState],
  ['modified-since-snapshot', isModifiedSinceSnapshot],
  ['resume-token-rejected', isResumeTokenRejected],
  ['already-destroyed', isAlreadyDestroyed],
];

export function stderrClasses(exitCode: number, stderr: string): StderrClass[] {
  const classes = CLASSIFIERS.filter(([, matches]) => matches(stderr)).map(([c]) => c);
  return isRetryableFailure(exitCode, stderr) ? [...classes, 'retryable'] : classes;
}

/** Dense ranks (1, 2, ...) of the values, in the order given: equal values share a rank. */
export function ranks(values: readonly bigint[]): number[] {
  const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return values.map((v) => distinct.indexOf(v) + 1);
}

export interface NormalizedToken {
  readonly toname: string;
  readonly toguid: string;
  readonly fromguid?: string;
}

export class Normalizer {
  /** GUID → the relative name of the snapshot that made it, and that snapshot's creation time. */
  private readonly origins = new Map<string, { label: string; creation: number }>();

  constructor(private readonly root: string) {}

  /** Remembers the snapshots a fixture took, so that their copies are recognized by GUID. */
  learn(ids: readonly SnapshotIdentity[]): void {
    for (const s of ids) this.origins.set(s.guid, { label: this.rel(s.name), creation: s.creation });
  }

  rel(name: string): string {
    if (name === this.root) return '.';
    return name.startsWith(`${this.root}/`) ? name.slice(this.root.length + 1) : name;
  }

  /** Every mention of the root (and so of the pool's name for it) made relative. */
  text(s: string): string {
    return s.split(`${this.root}/`).join('').split(this.root).join('.');
  }

  guid(g: string): string {
    return this.origins.get(g)?.label ?? `unknown guid ${g}`;
  }

  /** `@s1 src@s1 t1`: kind and name, the GUID's origin, the createtxg's rank in this listing. */
  snapshots(refs: readonly SnapshotRef[]): string[] {
    const rank = ranks(refs.map((r) => r.createtxg));
    return refs.map((r, i) => {
      const origin = this.origins.get(r.guid);
      const kept = origin === undefined || origin.creation === r.creation ? '' : ' creation-changed';
      return `${r.kind === 'snapshot' ? '@' : '#'}${r.name} ${this.guid(r.guid)} t${rank[i]}${kept}`;
    });
  }

  /** As `snapshots`, with the hold count: `@s1 src@s1 t1 holds0`. */
  pruneCandidates(refs: readonly (SnapshotRef & { readonly userrefs: number })[]): string[] {
    const base = this.snapshots(refs);
    return refs.map((r, i) => `${base[i]} holds${r.userrefs}`);
  }

  /**
   * --compare-snapshot-lists' listing, sorted (its order does not matter): `src/a@s2 src/a@s2 written`,
   * the full name and the GUID's origin; only whether `written` is a size (a pool's block layout
   * decides its value), or `-`.
   */
  compareEntries(entries: readonly (SnapshotRef & { readonly written: bigint | undefined })[]): string[] {
    return entries
      .map((e) => {
        const name = `${this.rel(e.dataset)}${e.kind === 'snapshot' ? '@' : '#'}${e.name}`;
        return `${name} ${this.guid(e.guid)} ${e.written === undefined ? '-' : 'written'}`;
      })
      .sort();
  }

  /** `name type`, then per extra column asked for whether it has a value (`token`/`changed`, or `-`). */
  datasets(
    list: readonly { name: string; type: string; resumeToken?: string; snapshotsChanged?: number }[],
  ): string[] {
    return list.map((d) =>
      [
        `${this.rel(d.name)} ${d.type}`,
        ...(d.resumeToken === undefined ? [] : [d.resumeToken === '-' ? '-' : 'token']),
        ...(d.snapshotsChanged === undefined ? [] : [d.snapshotsChanged > 0 ? 'changed' : '-']),
      ].join(' '),
    );
  }

  token(r: Omit<ResumeState, 'token'>): NormalizedToken {
    return {
      toname: this.rel(r.toname),
      toguid: this.guid(r.toguid),
      ...(r.fromguid === undefined ? {} : { fromguid: this.guid(r.fromguid) }),
    };
  }

  /** A command's result as an Outcome; `answer` parses a success's output. */
  outcome(r: CommandResult, answer?: (r: CommandResult) => unknown): Outcome {
    if (r.exitCode === 0) return answer === undefined ? { ok: true } : { ok: true, out: answer(r) };
    return this.failure(r.exitCode, r.stderr);
  }

  failure(exitCode: number, stderr: string): Outcome {
    const classes = stderrClasses(exitCode, stderr);
    const first = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
    return { ok: false, ...(classes.length > 0 ? { stderr: classes } : {}), error: this.text(first) };
  }
}
