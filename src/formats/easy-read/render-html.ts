/** Easy-read words as HTML, from the model's inline nodes (web page and PDF share it). Accept markers are removed. */
import type { Inline } from '../../report/model.ts';
import { stripMarkers } from './checks.ts';

import { escapeHtml } from '../../build/escape.ts';

export { escapeHtml };

export function inlineHtml(nodes: readonly Inline[], wrapText: (escaped: string) => string = (t) => t): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
          return wrapText(escapeHtml(stripMarkers(node.text)));
        case 'strong':
        case 'em':
          return `<strong>${inlineHtml(node.children, wrapText)}</strong>`;
        case 'strike':
          return inlineHtml(node.children, wrapText);
        case 'code':
          return escapeHtml(node.text);
        case 'link':
          return `<a href="${escapeHtml(node.href)}">${inlineHtml(node.children, wrapText)}</a>`;
        case 'abbr':
          return `<abbr title="${escapeHtml(node.title)}">${inlineHtml(node.children, wrapText)}</abbr>`;
        case 'break':
          return '<br>';
        default:
          return '';
      }
    })
    .join('')
    .trim();
}
