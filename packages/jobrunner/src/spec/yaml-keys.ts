/**
 * Finds duplicate mapping keys in a parsed YAML document in linear time. yaml's own check
 * (`uniqueKeys: true`) compares each key with every earlier key of its map, which made a spec with
 * 100 000 keys take minutes; here each map keeps a Set. Keys are compared as the property names they
 * become in the spec value, so `1` and `"1"` collide as they would silently do in `toJS()`.
 */
import { isCollection, isDocument, isMap, isPair, isScalar, type Document, type LineCounter } from 'yaml';

export interface DuplicateKey {
  readonly key: string;
  readonly line: number;
  readonly column: number;
  readonly firstLine: number;
  readonly firstColumn: number;
}

export function findDuplicateKeys(doc: Document, lines: LineCounter): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  // Iterative, so a deeply nested spec cannot overflow the stack.
  const stack: unknown[] = [isDocument(doc) ? doc.contents : doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = new Map<string, number>();
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push(item.value, item.key);
        if (!isMap(node)) continue;
        const name = keyName(item.key);
        const at = (item.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
        const first = seen.get(name);
        if (first === undefined) seen.set(name, at);
        else found.push(duplicate(name, lines.linePos(at), lines.linePos(first)));
      } else {
        stack.push(item);
      }
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

function keyName(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? '' : String(key);
}

function duplicate(
  key: string,
  at: { line: number; col: number },
  first: { line: number; col: number },
): DuplicateKey {
  return { key, line: at.line, column: at.col, firstLine: first.line, firstColumn: first.col };
}
