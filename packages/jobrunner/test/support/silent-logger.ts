// Test helper (in test/, outside the shipped src/): production code always logs somewhere.
import type { Logger } from '@bzfs-ts/bzfs';

export const silentLogger: Logger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  trace: () => {},
};
