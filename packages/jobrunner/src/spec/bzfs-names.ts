/**
 * The spec's hosts, users, datasets and ssh config files, checked by bzfs's own validators, so that
 * the spec accepts exactly what bzfs later accepts (one source of truth; the schema's patterns are only
 * a coarse first filter). Messages are bzfs's, with values escaped by its showValue.
 */
import {
  showValue,
  validateDatasetName,
  validateHost,
  validateSshConfigFileName,
  validateUser,
} from '@bzfs-ts/bzfs';
import type { SpecProblem } from './errors.js';
import { substituteRoot } from './names.js';
import type { JobSpec } from './types.js';

type Path = readonly (string | number)[];

export function checkBzfsNames(spec: JobSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const check = (path: Path, fn: (v: string) => unknown, value: string, atKey = false): void => {
    const message = errorOf(fn, value);
    if (message !== undefined) problems.push({ path, message, ...(atKey && { atKey }) });
  };
  spec.srcHosts.forEach((h, i) => check(['srcHosts', i], validateHost, h));
  for (const h of Object.keys(spec.dstHosts)) check(['dstHosts', h], validateHost, h, true);
  for (const side of ['src', 'dst'] as const) {
    const ssh = spec.ssh?.[side];
    if (ssh?.user !== undefined) check(['ssh', side, 'user'], validateUser, ssh.user);
    if (ssh?.configFile !== undefined)
      check(['ssh', side, 'configFile'], validateSshConfigFileName, ssh.configFile);
  }
  spec.rootDatasetPairs.forEach((p, i) => check(['rootDatasetPairs', i, 'src'], validateDatasetName, p.src));
  // A destination dataset is the host's root, with its tokens substituted, plus the pair's dst: each
  // combination bzfs will see is checked, for every source host rather than a sample. Each value is
  // reported once.
  const reported = new Set<string>();
  const once = (path: Path, value: string, full: string): boolean => {
    const error = errorOf(validateDatasetName, full);
    if (error !== undefined && !reported.has(path.join('/'))) {
      reported.add(path.join('/'));
      problems.push({ path, message: full === value ? error : `${error} (for ${showValue(value)})` });
    }
    return error === undefined;
  };
  for (const [dstHost, dst] of Object.entries(spec.dstHosts)) {
    for (const srcHost of spec.srcHosts) {
      const root = substituteRoot(dst.root, srcHost, dstHost);
      if (root !== '' && !once(['dstHosts', dstHost, 'root'], dst.root, root)) continue;
      spec.rootDatasetPairs.forEach((p, i) => {
        once(['rootDatasetPairs', i, 'dst'], p.dst, root === '' ? p.dst : `${root}/${p.dst}`);
      });
    }
  }
  return problems;
}

function errorOf(fn: (v: string) => unknown, value: string): string | undefined {
  try {
    fn(value);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * With `recursive`, a pair whose destination lies inside another pair's destination would be written
 * by both replications: the outer one's descendants include it. Refused, naming both pairs.
 */
export function checkNestedDestinations(spec: JobSpec): SpecProblem[] {
  if (spec.recursive !== true) return [];
  const problems: SpecProblem[] = [];
  spec.rootDatasetPairs.forEach((inner, i) => {
    const j = spec.rootDatasetPairs.findIndex((outer) => inner.dst.startsWith(`${outer.dst}/`));
    if (j < 0) return;
    const outer = spec.rootDatasetPairs[j]!;
    problems.push({
      path: ['rootDatasetPairs', i, 'dst'],
      message:
        `with recursive, destination '${inner.dst}' lies inside '${outer.dst}', the destination of ` +
        `rootDatasetPairs[${j}] (from '${outer.src}'); '${inner.src}' and '${outer.src}' would both write it`,
    });
  });
  return problems;
}
