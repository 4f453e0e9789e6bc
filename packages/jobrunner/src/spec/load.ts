/**
 * Reads a spec file: YAML (or JSON) text, or a JavaScript/TypeScript module whose default export is
 * the spec (or a function returning it). The only module of `spec/` that reads files (through infra/).
 */
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { readCapped } from '../infra/read-capped.js';
import { SpecValidationError, type SpecError, type SpecProblem } from './errors.js';
import { yamlLocator, type Locator } from './source-map.js';
import type { JobSpec } from './types.js';
import { validateSpec } from './validate.js';
import { findDuplicateKeys } from './yaml-keys.js';

/**
 * The largest spec file read. A fleet's spec is a few kilobytes; the cap bounds the time (seconds)
 * and memory spent on a wrong or hostile file, during which the jobrunner cannot react to signals.
 */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;
const TOO_LARGE = `the spec is larger than ${MAX_SPEC_BYTES / 1024 / 1024} MiB, the limit for a spec file`;

export interface LoadedSpec {
  readonly file: string;
  readonly value: unknown;
  /** Positions of JSON paths in the file; modules have none. */
  readonly locate: Locator;
}

const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

export async function loadSpec(file: string): Promise<LoadedSpec> {
  return MODULE_EXTENSIONS.has(extname(file)) ? loadModule(file) : loadYaml(file, await readText(file));
}

/** Loads, then validates; throws `SpecValidationError` listing every problem with its position. */
export async function readSpec(file: string): Promise<{ spec: JobSpec; loaded: LoadedSpec }> {
  const loaded = await loadSpec(file);
  const result = validateSpec(loaded.value);
  if (!result.ok) throw new SpecValidationError(placeProblems(loaded, result.problems));
  return { spec: result.spec, loaded };
}

/** Gives each problem its position, sorted as they appear in the file. */
export function placeProblems(loaded: LoadedSpec, problems: readonly SpecProblem[]): SpecError[] {
  return problems
    .map((p) => ({ ...p, file: loaded.file, ...toLineColumn(loaded.locate(p.path, p.atKey)) }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Parses YAML text; exported so tests can validate inline specs with real positions. */
export function loadYaml(file: string, text: string): LoadedSpec {
  if (text.length > MAX_SPEC_BYTES || Buffer.byteLength(text) > MAX_SPEC_BYTES) {
    throw new SpecValidationError([{ file, path: [], message: TOO_LARGE }]);
  }
  const lines = new LineCounter();
  // yaml's uniqueKeys check is quadratic per map; findDuplicateKeys does the same job linearly.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const errors: SpecError[] = doc.errors.map((e) => ({
    file,
    path: [],
    message: e.message.split(' at line ')[0] ?? e.message,
    line: e.linePos?.[0].line,
    column: e.linePos?.[0].col,
  }));
  if (errors.length === 0) {
    for (const d of findDuplicateKeys(doc, lines)) {
      errors.push({
        file,
        path: [],
        message: `duplicate key '${d.key}' (first at line ${d.firstLine}, column ${d.firstColumn})`,
        line: d.line,
        column: d.column,
      });
    }
  }
  if (errors.length > 0) throw new SpecValidationError(errors);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new SpecValidationError([{ file, path: [], message: `cannot read YAML: ${(e as Error).message}` }]);
  }
  return { file, value, locate: yamlLocator(doc, lines) };
}

async function loadModule(file: string): Promise<LoadedSpec> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (e) {
    const hint = /\.[cm]?ts$/.test(file)
      ? ' (a TypeScript spec needs a Node.js that strips types, or compile it to .js first)'
      : '';
    throw new SpecValidationError([
      { file, path: [], message: `cannot load module: ${(e as Error).message}${hint}` },
    ]);
  }
  const exported = mod['default'] ?? mod['spec'];
  const value: unknown = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  if (value === undefined) {
    throw new SpecValidationError([
      {
        file,
        path: [],
        message: 'the module exports no spec; export it as default (export default defineSpec({...}))',
      },
    ]);
  }
  return { file, value, locate: () => undefined };
}

async function readText(file: string): Promise<string> {
  let text: string | undefined;
  try {
    text = await readCapped(file, MAX_SPEC_BYTES);
  } catch (e) {
    throw new SpecValidationError([{ file, path: [], message: `cannot read spec: ${(e as Error).message}` }]);
  }
  if (text === undefined) throw new SpecValidationError([{ file, path: [], message: TOO_LARGE }]);
  return text;
}

function toLineColumn(p: { line: number; column: number } | undefined): { line?: number; column?: number } {
  return p === undefined ? {} : { line: p.line, column: p.column };
}
