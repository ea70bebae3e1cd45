/** The words of inline nodes as plain text (a line break as a space): for checks, measuring and comparisons. */
import type { Inline } from './model.ts';

export function plainText(nodes: readonly Inline[]): string {
  return nodes
    .map((n) =>
      n.type === 'text' || n.type === 'code'
        ? n.text
        : 'children' in n
          ? plainText(n.children)
          : n.type === 'break'
            ? ' '
            : '',
    )
    .join('');
}
