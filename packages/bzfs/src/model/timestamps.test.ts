import { describe, it, expect } from '@jest/globals';
import { localDate, logFileTimestamp, logLineTimestamp } from './timestamps.js';

describe('timestamps (local time)', () => {
  const at = new Date(2024, 8, 3, 2, 6, 5, 999); // month 8 is September; milliseconds are dropped

  it('formats log lines, log file names and daily directories', () => {
    expect(logLineTimestamp(at)).toBe('2024-09-03 02:06:05');
    expect(logFileTimestamp(at)).toBe('2024-09-03_02:06:05');
    expect(localDate(at)).toBe('2024-09-03');
  });

  it('pads every field to its width', () => {
    expect(logLineTimestamp(new Date(987, 0, 1, 0, 0, 0))).toBe('0987-01-01 00:00:00');
    expect(logFileTimestamp(new Date(2024, 11, 31, 23, 59, 59))).toBe('2024-12-31_23:59:59');
  });
});
