/**
 * Core rule: a paragraph "Table: How people booked" right before a table becomes that table's caption (the pandoc
 * convention, readable as plain text). The caption's inline token is moved to table_open.meta.caption, so every renderer
 * (web, print, audio) can use it, and the paragraph is removed.
 */
import type { MarkdownIt } from 'markdown-it';
import type { StateCore } from 'markdown-it';

const CAPTION = /^Table:\s*/;

export function tableCaptions(md: MarkdownIt): void {
  md.core.ruler.push('table_captions', (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 3; i < tokens.length; i++) {
      if (tokens[i]!.type !== 'table_open') continue;
      const [open, inline, close] = [tokens[i - 3]!, tokens[i - 2]!, tokens[i - 1]!];
      if (open.type !== 'paragraph_open' || close.type !== 'paragraph_close' || inline.type !== 'inline') continue;
      const first = inline.children?.[0];
      if (!first || first.type !== 'text' || !CAPTION.test(first.content)) continue;
      first.content = first.content.replace(CAPTION, '');
      inline.content = inline.content.replace(CAPTION, '');
      tokens[i]!.meta = { ...(tokens[i]!.meta ?? {}), caption: inline, captionLine: (open.map?.[0] ?? 0) + 1 };
      tokens.splice(i - 3, 3);
      i -= 3;
    }
  });
}
