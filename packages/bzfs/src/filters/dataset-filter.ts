/**
 * Dataset selection, as in the original bzfs:
 * - --include-dataset / --exclude-dataset take names relative to the root (`a/b`), or absolute
 *   names with a leading `/` (`/pool/src/a/b`);
 * - --include-dataset-regex / --exclude-dataset-regex match the path relative to the root
 *   (`a/b`; the root itself is ``); a leading `!` negates;
 * - a match also covers the descendants; exclude beats include; with no include at all every
 *   dataset is included;
 * - datasets named like tmp, temp, TMP1, tmp-2 are excluded by default (DEFAULT_EXCLUDE_DATASET_REGEX),
 *   unless --exclude-dataset-regex is given (e.g. `!.*` to exclude nothing).
 */
import { compileTreeMatcher } from './name-matcher.js';

export const DEFAULT_EXCLUDE_DATASET_REGEX = '(?:.*/)?[Tt][Ee]?[Mm][Pp][-_]?[0-9]*';

export interface DatasetFilters {
  readonly includeDatasets: readonly string[];
  readonly excludeDatasets: readonly string[];
  readonly includeDatasetRegex: readonly string[];
  readonly excludeDatasetRegex: readonly string[];
}

type Matcher = (rel: string) => boolean;

/**
 * A regex option value as a matcher of relative paths (whole-path match, descendants included;
 * RE2 syntax, linear time, see name-matcher.ts). Throws when the pattern does not compile.
 */
export function compileDatasetRegex(spec: string): Matcher {
  const m = compileTreeMatcher(spec);
  return (rel) => m.test(rel);
}

export function datasetSelector(root: string, f: DatasetFilters): (name: string) => boolean {
  const relative = (name: string): string | undefined =>
    name === root ? '' : name.startsWith(`${root}/`) ? name.slice(root.length + 1) : undefined;
  // A name outside the root selects nothing.
  const byName = (n: string): Matcher => {
    const top = n.startsWith('/')
      ? relative(n.replace(/^\/+/, '').replace(/\/+$/, ''))
      : n.replace(/\/+$/, '');
    if (top === undefined) return () => false;
    return (rel) => top === '' || rel === top || rel.startsWith(`${top}/`);
  };
  const include = [...f.includeDatasets.map(byName), ...f.includeDatasetRegex.map(compileDatasetRegex)];
  const exclude = [...f.excludeDatasets.map(byName), ...f.excludeDatasetRegex.map(compileDatasetRegex)];
  return (name) => {
    const rel = relative(name);
    if (rel === undefined) return false;
    return (include.length === 0 || include.some((m) => m(rel))) && !exclude.some((m) => m(rel));
  };
}
