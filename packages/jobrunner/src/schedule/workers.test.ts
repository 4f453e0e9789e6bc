import { describe, it, expect } from '@jest/globals';
import { countOfCores } from '@bzfs-ts/bzfs';
import { resolveWorkers } from './workers.js';

describe('resolveWorkers', () => {
  it.each<[number | string | undefined, number, number]>([
    [undefined, 8, 8],
    [3, 8, 3],
    ['3', 8, 3],
    ['50%', 8, 4],
    ['200%', 8, 16],
    ['10%', 4, 1], // never zero
    ['75%', 6, 4], // 4.5 rounds half to even, as bzfs --threads and the original
    ['70%', 5, 4], // 3.5
    ['007', 8, 7],
  ])('%p with %i cores → %i', (value, cores, expected) => {
    expect(resolveWorkers(value, cores)).toBe(expected);
  });

  it('counts as bzfs --threads does', () => {
    for (const cpus of [1, 3, 5, 6, 7, 12])
      for (const v of ['1%', '25%', '50%', '75%', '150%', '4'])
        expect(resolveWorkers(v, cpus)).toBe(countOfCores(v, cpus));
  });

  it('refuses nonsense', () => {
    expect(() => resolveWorkers('x%', 4)).toThrow(/expected a count like 4 or a percentage like 75%/);
  });
});
