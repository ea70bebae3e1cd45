/**
 * Core rule: give every heading an id for anchors and the table of contents.
 *
 * An editor may fix an id by ending the heading with {#my-id} (useful when a heading's wording changes but old links must
 * keep working). Otherwise the id is the slug of the heading text; a repeated slug, or one the page itself uses
 * (page-ids.ts), gets -2, -3… Explicit ids are kept as
 * written, so a clash involving one is reported by the content checks rather than silently renamed.
 */
import type { MarkdownIt } from 'markdown-it';
import type { StateCore } from 'markdown-it';
import { inlineText, slugify } from '../text.ts';
import { PAGE_IDS } from '../page-ids.ts';

const EXPLICIT_ID = /\s*\{#([A-Za-z0-9][\w-]*)\}\s*$/;

export function headingIds(md: MarkdownIt): void {
  md.core.ruler.push('heading_ids', (state: StateCore) => {
    // The page's own ids are taken from the start, so a generated id never repeats one (explicit ids are checked).
    const used = new Set<string>(PAGE_IDS);
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i]!;
      if (open.type !== 'heading_open') continue;
      const inline = tokens[i + 1];
      if (!inline || inline.type !== 'inline') continue;
      const last = inline.children?.at(-1);
      const explicit = last?.type === 'text' ? EXPLICIT_ID.exec(last.content) : null;
      let id: string;
      if (explicit && last) {
        last.content = last.content.slice(0, explicit.index);
        inline.content = inline.content.replace(EXPLICIT_ID, '');
        id = explicit[1]!;
        open.meta = { ...(open.meta ?? {}), explicitId: true };
      } else {
        const base = slugify(inlineText(inline.children)) || 'section';
        id = base;
        for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      }
      used.add(id);
      open.attrSet('id', id);
    }
  });
}
