import { describe, expect, it } from '@jest/globals';
import { runTree, type NodeResult } from './tree.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A deferred promise, to finish work exactly when a test wants. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Records `start NAME` / `end NAME` events around a fake async job of a few ms. */
function recorder(delays: Record<string, number> = {}) {
  const events: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const work = async (name: string) => {
    events.push(`start ${name}`);
    running++;
    maxRunning = Math.max(maxRunning, running);
    await sleep(delays[name] ?? 1);
    running--;
    events.push(`end ${name}`);
    return name.toUpperCase();
  };
  return { events, work, maxRunning: () => maxRunning };
}

const never = async () => false;
const kinds = (m: Map<string, NodeResult<unknown>>) =>
  Object.fromEntries([...m].map(([k, v]) => [k, v.kind]));

describe('runTree ordering', () => {
  it('starts every dataset only after its parent has finished', async () => {
    const names = ['p/a/b/c', 'p', 'q', 'p/a/b', 'p/a', 'p/x', 'q/y'];
    // Parents are slow, so a child that did not wait would start before its parent ends.
    const r = recorder({ p: 15, 'p/a': 10, 'p/a/b': 5, q: 10 });
    const results = await runTree(names, 8, 'dataset', r.work, never);
    const at = (e: string) => r.events.indexOf(e);
    for (const [child, parent] of [
      ['p/a', 'p'],
      ['p/x', 'p'],
      ['p/a/b', 'p/a'],
      ['p/a/b/c', 'p/a/b'],
      ['q/y', 'q'],
    ] as const) {
      expect(at(`start ${child}`)).toBeGreaterThan(at(`end ${parent}`));
    }
    expect(results.get('p/a/b/c')).toEqual({ kind: 'done', value: 'P/A/B/C' });
    expect(results.size).toBe(names.length);
  });

  it('waits for the nearest ancestor that is in the list', async () => {
    const r = recorder({ a: 10 });
    await runTree(['a/b/c', 'a'], 4, 'dataset', r.work, never);
    expect(r.events).toEqual(['start a', 'end a', 'start a/b/c', 'end a/b/c']);
  });

  it('a name that merely shares a prefix is not a child (a vs ab)', async () => {
    const gate = deferred();
    const events: string[] = [];
    const done = runTree(
      ['a', 'ab'],
      4,
      'dataset',
      async (n) => {
        events.push(`start ${n}`);
        if (n === 'a') await gate.promise;
        events.push(`end ${n}`);
      },
      never,
    );
    await sleep(5);
    expect(events).toEqual(['start a', 'start ab', 'end ab']);
    gate.resolve();
    await done;
  });

  it('independent roots start in lexicographic order with one thread', async () => {
    const r = recorder();
    await runTree(['c', 'a', 'b'], 1, 'dataset', r.work, never);
    expect(r.events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

describe('runTree concurrency', () => {
  it('runs at most `threads` jobs at once, and does use them', async () => {
    const r = recorder(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((n) => [n, 5])));
    await runTree(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 3, 'dataset', r.work, never);
    expect(r.maxRunning()).toBe(3);
  });

  it('threads=1 is strictly serial', async () => {
    const r = recorder();
    await runTree(['a', 'a/b', 'c', 'd'], 1, 'dataset', r.work, never);
    expect(r.maxRunning()).toBe(1);
  });

  it('children waiting for a parent do not hold a slot', async () => {
    // With 2 threads: the slow parent `a` and the independent `b`...`e` share the slots; `a/x`
    // waits outside the limit, so b..e all finish while `a` still runs.
    const r = recorder({ a: 30 });
    await runTree(['a', 'a/x', 'b', 'c', 'd', 'e'], 2, 'dataset', r.work, never);
    expect(r.events.indexOf('end e')).toBeLessThan(r.events.indexOf('end a'));
  });
});

describe('runTree failure handling', () => {
  const failOn =
    (...bad: string[]) =>
    async (n: string) => {
      await sleep(1);
      if (bad.includes(n)) throw new Error(`boom ${n}`);
      return n;
    };

  it('fail: no dataset starts after the first failure', async () => {
    const started: string[] = [];
    const results = await runTree(
      ['a', 'b', 'c', 'c/d'],
      1,
      'fail',
      async (n) => {
        started.push(n);
        return failOn('a')(n);
      },
      async () => true,
    );
    expect(started).toEqual(['a']);
    expect(kinds(results)).toEqual({ a: 'failed', b: 'skipped', c: 'skipped', 'c/d': 'skipped' });
    const a = results.get('a');
    expect(a?.kind === 'failed' && (a.error as Error).message).toBe('boom a');
  });

  it('fail: jobs already running finish normally', async () => {
    const results = await runTree(['a', 'b', 'c'], 2, 'fail', failOn('a'), async () => true);
    expect(kinds(results)).toEqual({ a: 'failed', b: 'done', c: 'skipped' });
  });

  it('dataset/tree: a failure does not stop siblings', async () => {
    for (const policy of ['dataset', 'tree'] as const) {
      const results = await runTree(['a', 'b', 'c'], 1, policy, failOn('a'), async () => true);
      expect(kinds(results)).toEqual({ a: 'failed', b: 'done', c: 'done' });
    }
  });

  it('skipChildren decides for a failed parent: true skips the whole subtree', async () => {
    const asked: string[] = [];
    const started: string[] = [];
    const results = await runTree(
      ['a', 'a/b', 'a/b/c', 'a/d', 'e'],
      2,
      'tree',
      async (n) => {
        started.push(n);
        return failOn('a')(n);
      },
      async (n, r) => {
        asked.push(`${n}:${r.kind}`);
        return r.kind === 'failed';
      },
    );
    expect(kinds(results)).toEqual({
      a: 'failed',
      'a/b': 'skipped',
      'a/b/c': 'skipped',
      'a/d': 'skipped',
      e: 'done',
    });
    expect(started.sort()).toEqual(['a', 'e']);
    // Asked once per child of the failed dataset; a skipped dataset skips its subtree without asking.
    expect(asked).toEqual(['a:failed', 'a:failed']);
  });

  it('skipChildren decides for a failed parent: false lets the children run', async () => {
    const results = await runTree(['a', 'a/b', 'a/b/c'], 2, 'dataset', failOn('a'), never);
    expect(kinds(results)).toEqual({ a: 'failed', 'a/b': 'done', 'a/b/c': 'done' });
  });

  it('skipChildren is also asked about a parent that finished (e.g. its source vanished)', async () => {
    const results = await runTree(
      ['a', 'a/b', 'c', 'c/d'],
      2,
      'dataset',
      async (n) => n,
      async (n, r) => r.kind === 'done' && r.value === 'a',
    );
    expect(kinds(results)).toEqual({ a: 'done', 'a/b': 'skipped', c: 'done', 'c/d': 'done' });
  });

  it('an error thrown by skipChildren is confined to the affected subtree', async () => {
    const results = await runTree(['a', 'a/b', 'c'], 2, 'dataset', failOn('a'), async () => {
      throw new Error('ssh: connection lost');
    });
    expect(results.get('c')).toEqual({ kind: 'done', value: 'c' });
    expect(results.get('a/b')?.kind).not.toBe('done');
  });
});
