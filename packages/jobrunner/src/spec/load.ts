/**
 * Reads a spec file: YAML (or JSON) text, or a JavaScript/TypeScript module whose default export is
 * the spec (or a function returning it). The only module of `spec/` that touches the file system.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { SpecValidationError, type SpecError, type SpecProblem } from './errors.js';
import { yamlLocator, type Locator } from './source-map.js';
import type { JobSpec } from './types.js';
import { validateSpec } from './validate.js';

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
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const errors: SpecError[] = doc.errors.map((e) => ({
    file,
    path: [],
    message: e.message.split(' at line ')[0] ?? e.message,
    line: e.linePos?.[0].line,
    column: e.linePos?.[0].col,
  }));
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
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new SpecValidationError([{ file, path: [], message: `cannot read spec: ${(e as Error).message}` }]);
  }
}

function toLineColumn(p: { line: number; column: number } | undefined): { line?: number; column?: number } {
  return p === undefined ? {} : { line: p.line, column: p.column };
}
