import type { PreAction } from './types.js';

/**
 * Whether a pre-action is a change only --force* allows: what --force-once counts. Aborting a
 * stale partial receive is not one (bzfs does it unasked).
 */
export const isForcedChange = (a: PreAction): boolean => a.kind !== 'abort-resume';
