/**
 * Finds where a JSON path of a spec was written in its YAML text, so errors can name line and column.
 * Aliases are followed; a path that leads nowhere falls back to its deepest existing ancestor, which
 * is where a missing key would have to be added.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

interface Position {
  readonly line: number;
  readonly column: number;
}

/** Maps a JSON path (and whether the key itself is meant) to a position, if known. */
export type Locator = (path: readonly (string | number)[], atKey?: boolean) => Position | undefined;

export function yamlLocator(doc: Document, lines: LineCounter): Locator {
  return (path, atKey = false) => {
    let node: unknown = doc.contents;
    let keyNode: unknown = undefined;
    for (const seg of path) {
      node = resolveAlias(doc, node);
      const next = child(node, seg);
      if (next === undefined) {
        keyNode = undefined;
        break;
      }
      [keyNode, node] = next;
    }
    const target = atKey && keyNode !== undefined ? keyNode : node;
    const offset = (target as Node | undefined)?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
}

function resolveAlias(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** Returns `[keyNode, valueNode]` of `seg` in a map or sequence node. */
function child(node: unknown, seg: string | number): [unknown, unknown] | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? item.key.value : item.key;
      if (String(key) === String(seg)) return [item.key, item.value ?? item.key];
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item === undefined ? undefined : [item, item];
  }
  return undefined;
}
