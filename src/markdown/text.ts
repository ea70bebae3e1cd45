/** Plain text of inline tokens, and the slug made from it: shared by heading ids, the table of contents and checks. */
import type { Token } from 'markdown-it';

export function inlineText(children: readonly Token[] | null | undefined): string {
  if (!children) return '';
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
    else if (child.type === 'image') text += inlineText(child.children);
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** "What we found – 2019" → "what-we-found-2019". Letters of any script are kept. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
