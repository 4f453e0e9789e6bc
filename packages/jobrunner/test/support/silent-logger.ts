// Test helper (in test/, outside the shipped src/): production code always logs somewhere.
import type { Logger } from '../../src/infra/logger.js';

export const silentLogger: Logger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
