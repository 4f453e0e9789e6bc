import type { Endpoint } from './types.js';

/**
 * The virtual `dummy` dataset of the original: as SRC it has no snapshots, so a
 * --delete-dst-snapshots run prunes the real dataset given as DST without cross-checking (how
 * source snapshots and bookmarks are pruned). It is never a dataset on a remote host.
 */
export const isDummy = (e: Endpoint): boolean => e.dataset === 'dummy' && e.ssh === undefined;
