/**
 * Validates an untyped spec value: first its shape against the JSON Schema (ajv, all errors at once),
 * then, if the shape is right, the rules that relate several values (`semantic.ts`). ajv's messages
 * are rewritten to say what was expected, in the words of the schema's descriptions and of names.ts.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { SpecProblem } from './errors.js';
import { EXPECTED_BY_PATTERN, PERIOD_PATTERN } from './names.js';
import { jobSpecSchema } from './schema.js';
import { checkSemantics } from './semantic.js';
import type { JobSpec } from './types.js';

export type ValidationResult =
  | { readonly ok: true; readonly spec: JobSpec }
  | { readonly ok: false; readonly problems: readonly SpecProblem[] };

const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true });
const checkShape = ajv.compile(jobSpecSchema);

export function validateSpec(value: unknown): ValidationResult {
  if (!checkShape(value)) {
    const problems = (checkShape.errors ?? []).flatMap((e) => describe(e, value));
    return { ok: false, problems: dedupe(problems) };
  }
  const spec = value as JobSpec;
  const problems = checkSemantics(spec);
  return problems.length === 0 ? { ok: true, spec } : { ok: false, problems };
}

function describe(e: ErrorObject, root: unknown): SpecProblem[] {
  const path = pointerToPath(e.instancePath, root);
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as {
    description?: string;
    properties?: Record<string, { description?: string }>;
  };
  switch (e.keyword) {
    case 'propertyNames':
    case 'if':
      return []; // the failing inner keyword reports the name itself
    case 'required': {
      const key = String(p['missingProperty']);
      const about = parent.properties?.[key]?.description;
      return [{ path, message: `missing required key '${key}'${about === undefined ? '' : ` (${about})`}` }];
    }
    case 'additionalProperties': {
      const known = Object.keys(parent.properties ?? {}).filter((k) => k !== '$schema');
      const key = String(p['additionalProperty']);
      return [
        {
          path: [...path, key],
          atKey: true,
          message: `unknown key '${key}'; expected one of: ${known.join(', ')}`,
        },
      ];
    }
    case 'pattern': {
      const pattern = String(p['pattern']);
      const want = `; expected ${EXPECTED_BY_PATTERN[pattern] ?? `a value matching ${pattern}`}`;
      if (typeof e.propertyName === 'string') {
        const what = pattern === PERIOD_PATTERN ? 'unknown period' : 'invalid name';
        return [
          { path: [...path, e.propertyName], atKey: true, message: `${what} '${e.propertyName}'${want}` },
        ];
      }
      return [{ path, message: `invalid value ${JSON.stringify(e.data)}${want}` }];
    }
    case 'type':
      return [{ path, message: `must be ${joinOr(p['type'])}, got ${typeName(e.data)}` }];
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return [
        { path, message: `must be ${String(p['comparison'])} ${String(p['limit'])}, got ${String(e.data)}` },
      ];
    case 'minLength':
      return [{ path, message: 'must not be empty' }];
    case 'minItems':
      return [{ path, message: `must list at least ${String(p['limit'])} item(s)` }];
    case 'minProperties':
      return [{ path, message: `must have at least ${String(p['limit'])} entry` }];
    case 'uniqueItems':
      return [
        {
          path,
          message: `lists ${JSON.stringify(itemAt(e.data, p['i']))} twice (items ${pair(p['i'], p['j'])})`,
        },
      ];
    default:
      return [{ path, message: e.message ?? e.keyword }];
  }
}

/** Turns `/dstHosts/nas/targets/0` into `['dstHosts', 'nas', 'targets', 0]`, numbering only array indexes. */
function pointerToPath(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const key: string | number = Array.isArray(node) ? Number(seg) : seg;
    out.push(key);
    node =
      node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return out;
}

function dedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = JSON.stringify([p.path, p.message]);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function joinOr(t: unknown): string {
  const types = Array.isArray(t) ? t.map(String) : String(t).split(',');
  return types.map((x) => (x === 'object' ? 'a mapping' : x === 'array' ? 'a list' : `a ${x}`)).join(' or ');
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function pair(i: unknown, j: unknown): string {
  const [a, b] = [Number(i), Number(j)].sort((x, y) => x - y);
  return `${a} and ${b}`;
}

function itemAt(list: unknown, i: unknown): unknown {
  return Array.isArray(list) ? list[Number(i)] : undefined;
}
