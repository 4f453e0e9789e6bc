/**
 * Which destination datasets exist, answered from the pair's one listing of the destination and
 * what this run really did since, instead of one `zfs list` per question.
 *
 * That is safe because during a run only bzfs changes what exists below the destination root
 * (as the lock and the original assume), and bzfs records each of its own changes here: a
 * `zfs create` or a full receive that really ran makes a dataset exist, a `zfs destroy -r` makes
 * its tree not exist. Where the effect is not
 * certain, the knowledge is dropped and zfs is asked again (once): a failed or interrupted
 * receive may have left a partially received dataset behind, and `zfs receive -A` removes a
 * dataset that only such a receive had created.
 */
export class DstPresence {
  /** This run's own knowledge, which overrides the listing; undefined: not known any more. */
  private readonly changed = new Map<string, boolean | undefined>();
  private readonly asked = new Map<string, Promise<boolean>>();

  /**
   * `listed`: the datasets the listing returned; `covers`: the names for which the listing is the
   * whole truth (what is not listed does not exist); `ask`: one zfs query for any other name.
   */
  constructor(
    private readonly listed: ReadonlySet<string>,
    private readonly covers: (ds: string) => boolean,
    private readonly ask: (ds: string) => Promise<boolean>,
  ) {}

  /** What the listing and this run's changes say; undefined when they say nothing certain. */
  knownNow(ds: string): boolean | undefined {
    if (this.changed.has(ds)) return this.changed.get(ds);
    return this.covers(ds) ? this.listed.has(ds) : undefined;
  }

  /** Whether the dataset exists now; asks zfs (once per name) only when nothing certain is known. */
  exists(ds: string): Promise<boolean> {
    const k = this.knownNow(ds);
    if (k !== undefined) return Promise.resolve(k);
    let p = this.asked.get(ds);
    if (p === undefined) this.asked.set(ds, (p = this.ask(ds)));
    return p;
  }

  /** This run really created the dataset. */
  created(ds: string): void {
    this.changed.set(ds, true);
    this.asked.delete(ds);
  }

  /** This run really destroyed the dataset. */
  destroyed(ds: string): void {
    this.changed.set(ds, false);
    this.asked.delete(ds);
  }

  /** This run did something whose effect on the dataset's existence is not certain. */
  uncertain(ds: string): void {
    this.changed.set(ds, undefined);
    this.asked.delete(ds);
  }
}
