/**
 * Renders the spec reference of README_jobrunner.md from the JSON Schema, so the manual cannot drift
 * from what the validator accepts. A schema node's `title` names the placeholder of a free-form key
 * (`dstHosts.<host>.root`, `srcSnapshotPlan.<org>.<target>.<period>`).
 */

interface SchemaNode {
  type?: string | readonly string[];
  title?: string;
  description?: string;
  required?: readonly string[];
  properties?: Readonly<Record<string, SchemaNode>>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
}

export const BEGIN_MARK =
  '<!-- BEGIN GENERATED SPEC REFERENCE (npm run gen:schema -w @bzfs-ts/jobrunner) -->';
export const END_MARK = '<!-- END GENERATED SPEC REFERENCE -->';

/** A markdown table with one row per key of the spec, nested keys included. */
export function renderSpecReference(schema: object): string {
  const rows: string[] = [];
  visit(schema as SchemaNode, '', rows);
  return ['| Key | Type | Required | Description |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}

function visit(node: SchemaNode, path: string, rows: string[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    const p = path === '' ? key : `${path}.${key}`;
    rows.push(row(p, child, node.required?.includes(key) ?? false));
    descend(child, p, rows);
  }
  const free = node.additionalProperties;
  if (typeof free === 'object') {
    const p = `${path}.<${free.title ?? 'key'}>`;
    rows.push(row(p, free, false));
    descend(free, p, rows);
  }
}

function descend(node: SchemaNode, path: string, rows: string[]): void {
  if (
    node.items !== undefined &&
    (node.items.properties !== undefined || node.items.additionalProperties !== undefined)
  ) {
    visit(node.items, `${path}[]`, rows);
  } else {
    visit(node, path, rows);
  }
}

function row(path: string, node: SchemaNode, required: boolean): string {
  const cells = [`\`${path}\``, typeOf(node), required ? 'yes' : '', escape(node.description ?? '')];
  return `| ${cells.join(' | ')} |`;
}

function typeOf(node: SchemaNode): string {
  const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type as string];
  let t = types
    .map((x) => (x === 'array' ? `list of ${node.items ? typeOf(node.items) : 'any'}` : x))
    .join(' or ');
  if (types.includes('object') && node.properties === undefined) t = 'mapping';
  const limits = [
    node.minimum !== undefined ? `≥ ${node.minimum}` : '',
    node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : '',
    node.maximum !== undefined ? `≤ ${node.maximum}` : '',
  ].filter((x) => x !== '');
  return limits.length === 0 ? t : `${t} (${limits.join(', ')})`;
}

function escape(s: string): string {
  return s.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Replaces the generated section between the marks; throws if the marks are missing. */
export function withGeneratedSection(document: string, section: string): string {
  const begin = document.indexOf(BEGIN_MARK);
  const end = document.indexOf(END_MARK);
  if (begin < 0 || end < begin) throw new Error(`missing ${BEGIN_MARK} ... ${END_MARK}`);
  return `${document.slice(0, begin + BEGIN_MARK.length)}\n\n${section}\n${document.slice(end)}`;
}

/** The published schema file's text. */
export function schemaFileText(schema: object): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
