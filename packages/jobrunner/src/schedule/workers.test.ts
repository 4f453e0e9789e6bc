import { describe, it, expect } from '@jest/globals';
import { resolveWorkers } from './workers.js';

describe('resolveWorkers', () => {
  it.each<[number | string | undefined, number, number]>([
    [undefined, 8, 8],
    [3, 8, 3],
    ['3', 8, 3],
    ['50%', 8, 4],
    ['200%', 8, 16],
    ['10%', 4, 1], // never zero
    ['75%', 6, 5], // rounded
  ])('%p with %i cores → %i', (value, cores, expected) => {
    expect(resolveWorkers(value, cores)).toBe(expected);
  });

  it('refuses nonsense', () => {
    expect(() => resolveWorkers('x%', 4)).toThrow(/expected a count like 4 or a percentage like 75%/);
  });
});
