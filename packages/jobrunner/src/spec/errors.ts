import { ExitCode } from '@bzfs-ts/bzfs';

/** One problem found in a spec; `path` is the JSON path of the offending value (or key). */
export interface SpecProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** True when the problem is the key at `path` itself (an unknown key or period name). */
  readonly atKey?: boolean;
}

/** A problem with the place it was found, ready to print. */
export interface SpecError extends SpecProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** Thrown when a spec (or a command line that refers to it) cannot be used; nothing has run yet. */
export class SpecValidationError extends Error {
  readonly exitCode = ExitCode.ERROR;
  constructor(readonly errors: readonly SpecError[]) {
    super(errors.map(formatSpecError).join('\n'));
    this.name = 'SpecValidationError';
  }
}

/** `jobs.yaml:12:7: dstHosts.nas.root: must contain ^SRC_HOST ...` (compilers' and editors' format). */
export function formatSpecError(e: SpecError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}:${e.column ?? 1}`;
  const path = formatPath(e.path);
  return `${where}: ${path === '' ? '' : `${path}: `}${e.message}`;
}

/** `dstHosts.nas.targets[0]`; keys that are not identifiers are quoted: `plan.prod[""].daily`. */
function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
