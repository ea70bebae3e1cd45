/**
 * Core rule: GitHub-style alerts. A block quote whose first line is only `[!NOTE]` (or TIP, IMPORTANT, WARNING,
 * CAUTION, in any case) becomes a callout: its tokens are renamed `callout_open`/`callout_close` (tag `aside`, meta.kind)
 * so no renderer can mistake it for a quotation, and the marker line is removed. Runs before inline parsing, so the
 * marker is cut from the paragraph's source and every later line keeps its own line number. An unknown `[!WORD]` is
 * left as written for the dialect check to refuse.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { isCalloutKind } from '../../report/callouts.ts';

const MARKER = /^\[!([A-Za-z]+)\][ \t]*(?:\n|$)/;

/** The closing token matching the opener at `open` (block quotes nest). */
function closerOf(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.type === 'blockquote_open') depth++;
    else if (tokens[i]!.type === 'blockquote_close' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

export function alerts(md: MarkdownIt): void {
  md.core.ruler.after('block', 'alerts', (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i]!;
      const inline = tokens[i + 2];
      if (open.type !== 'blockquote_open' || tokens[i + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline')
        continue;
      const match = MARKER.exec(inline.content);
      const kind = match?.[1]?.toLowerCase();
      if (!match || !kind || !isCalloutKind(kind)) continue;
      const close = tokens[closerOf(tokens, i)]!;
      for (const token of [open, close]) {
        token.type = token === open ? 'callout_open' : 'callout_close';
        token.tag = 'aside';
        token.meta = { ...(token.meta ?? {}), kind };
      }
      const rest = inline.content.slice(match[0].length);
      if (rest.trim() === '') {
        // The marker was a paragraph of its own ("> [!NOTE]" then "> " then the text): drop that paragraph.
        tokens.splice(i + 1, 3);
        continue;
      }
      inline.content = rest;
      // The paragraph now starts a line later, so lines inside it are still counted from the right place.
      for (const token of [tokens[i + 1]!, inline]) if (token.map) token.map = [token.map[0] + 1, token.map[1]];
    }
  });
}
