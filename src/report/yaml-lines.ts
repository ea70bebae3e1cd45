/** Where a field is in a YAML file: lets a schema problem name the line the editor must change. */
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';

/**
 * The line of the deepest key (or list item) of `path` that exists in the document, counting from `startLine`
 * (the file line the YAML starts on). A missing field is reported at its parent's line.
 */
export function lineOfPath(doc: Document, counter: LineCounter, path: readonly PropertyKey[], startLine = 1): number {
  let node: unknown = doc.contents;
  let line = startLine;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      const range = isScalar(pair.key) ? pair.key.range : undefined;
      if (range) line = counter.linePos(range[0]).line + startLine - 1;
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && typeof key === 'number') {
      const item = (node as { items: unknown[] }).items[key] as { range?: [number, number, number] } | undefined;
      if (item?.range) line = counter.linePos(item.range[0]).line + startLine - 1;
      node = item;
    } else break;
  }
  return line;
}
