// Test support: a Logger that keeps its lines, one letter for the level (`I hello`), for assertions.
import type { Logger } from '../../src/infra/logger.js';

export type { Logger };

export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (p: string) => (m: string) => lines.push(`${p} ${m}`);
  return { lines, error: add('E'), warn: add('W'), info: add('I'), debug: add('D'), trace: add('T') };
}
