import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_DATASET_MAX_LOGICAL_BYTES,
  holdsData,
  type DestinationContents,
} from './destination-contents.js';

const fs = (logicalReferenced: number, partialReceive = false) =>
  ({ type: 'filesystem', logicalReferenced, partialReceive }) satisfies DestinationContents;

describe('holdsData', () => {
  it.each([
    ['a fresh empty filesystem (OpenZFS: ~42 KiB)', fs(43_008), false],
    ['an empty filesystem of another version (50 KiB)', fs(51_200), false],
    ['exactly the allowance', fs(EMPTY_DATASET_MAX_LOGICAL_BYTES), false],
    ['one byte more', fs(EMPTY_DATASET_MAX_LOGICAL_BYTES + 1), true],
    ['a filesystem with 5 MiB of files', fs(5 << 20), true],
    ['partial receive state of 700 MiB', fs(700 << 20, true), false],
    ['an unwritten volume', { type: 'volume', logicalReferenced: 6_144, partialReceive: false }, false],
    [
      'a volume with a filesystem on it',
      { type: 'volume', logicalReferenced: 64 << 20, partialReceive: false },
      true,
    ],
  ] satisfies [string, DestinationContents, boolean][])('%s → %s', (_what, c, expected) => {
    expect(holdsData(c)).toBe(expected);
  });
});
