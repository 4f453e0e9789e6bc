import type { CompareSettings } from '../config/types.js';
import { UsageError } from '../model/errors.js';
import { showValue } from '../model/validate.js';
import { COMPARE_CHOICES } from '../plan/compare/types.js';

const ALL_THREE = 'src+dst+all';

/** --compare-snapshot-lists [src|dst|all|src+dst|...]; undefined without it. The bare option means all three. */
export function compareSettings(value: unknown): CompareSettings | undefined {
  if (value === undefined) return undefined;
  const given = String(value);
  const text = given === '' ? ALL_THREE : given;
  if (!(COMPARE_CHOICES as readonly string[]).includes(text)) {
    throw new UsageError(
      `--compare-snapshot-lists ${showValue(given)}: expected one of ${COMPARE_CHOICES.join(', ')} ` +
        `(or nothing: ${ALL_THREE}); to give datasets right after it, write --compare-snapshot-lists=${ALL_THREE}`,
    );
  }
  const parts = new Set(text.split('+'));
  return { locations: (['src', 'dst', 'all'] as const).filter((l) => parts.has(l)) };
}
