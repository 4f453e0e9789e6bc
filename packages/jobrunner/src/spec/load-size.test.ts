import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpecValidationError, formatSpecError } from './errors.js';
import { MAX_SPEC_BYTES, loadSpec, loadYaml } from './load.js';

/** A spec whose source plan has one target with `n` distinct keys in one map. */
function bigSpec(n: number): string {
  const lines = ['jobId: j', 'srcSnapshotPlan:', '  prod:', '    onsite:'];
  for (let i = 0; i < n; i++) lines.push(`      k${i}: 1`);
  return lines.join('\n') + '\n';
}

function errorsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (e) {
    if (e instanceof SpecValidationError) return e.errors.map(formatSpecError);
    throw e;
  }
  return [];
}

describe('large specs', () => {
  // With yaml's own duplicate-key check every key was compared with all earlier keys of its map:
  // 100 000 keys took minutes. The check is linear now; the timeout is several times what a linear load needs
  // (about 10 s under jest) and far below what the quadratic one took (over 5 minutes).
  it('loads 100 000 keys in one map', () => {
    const loaded = loadYaml('big.yaml', bigSpec(100_000));
    const plan = (loaded.value as { srcSnapshotPlan: { prod: { onsite: object } } }).srcSnapshotPlan;
    expect(Object.keys(plan.prod.onsite)).toHaveLength(100_000);
  }, 60_000);

  it('still reports a duplicate key with its line and column', () => {
    const text = bigSpec(1000).replace('      k999: 1\n', '      k999: 1\n      k7: 2\n');
    expect(errorsOf(() => loadYaml('big.yaml', text))).toEqual([
      "big.yaml:1005:7: duplicate key 'k7' (first at line 12, column 7)",
    ]);
  });

  it('refuses keys that differ only in YAML type but collide as JSON property names', () => {
    expect(errorsOf(() => loadYaml('s.yaml', 'a:\n  1: x\n  "1": y\n'))).toEqual([
      "s.yaml:3:3: duplicate key '1' (first at line 2, column 3)",
    ]);
  });

  it('refuses a spec over the size limit before parsing it', () => {
    // Not even valid YAML: the size check must come first.
    const text = '{'.repeat(MAX_SPEC_BYTES + 1);
    expect(errorsOf(() => loadYaml('huge.yaml', text))).toEqual([
      `huge.yaml: the spec is larger than ${MAX_SPEC_BYTES / 1024 / 1024} MiB, the limit for a spec file`,
    ]);
  });

  it('refuses an over-size spec file without reading all of it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bzfs-spec-')), 'huge.yaml');
    writeFileSync(file, 'x'.repeat(MAX_SPEC_BYTES + 10));
    await expect(loadSpec(file)).rejects.toThrow(/the spec is larger than 4 MiB/);
  });
});
