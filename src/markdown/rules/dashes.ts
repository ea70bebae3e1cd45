/**
 * Core rule: the only typographic replacements besides curly quotes are dashes ("--" → en dash, "---" → em dash), in
 * place of markdown-it's own list, which also turned "(c)" into "©", "(tm)" into "™" and "+-5" into "±5" — changing
 * what an editor wrote ("Conformant (C)" became "Conformant ©") in every edition, the audio included.
 */
import type { MarkdownIt, StateCore } from 'markdown-it';

export function dashesOnly(md: MarkdownIt): void {
  md.core.ruler.disable('replacements');
  md.core.ruler.before('smartquotes', 'dashes', (state: StateCore) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.content.includes('--')) continue;
      let insideAutolink = false;
      for (const token of block.children ?? []) {
        if (token.type === 'link_open' && token.info === 'auto') insideAutolink = true;
        if (token.type === 'link_close' && token.info === 'auto') insideAutolink = false;
        if (token.type !== 'text' || insideAutolink) continue;
        token.content = token.content
          .replace(/(^|[^-])---(?=[^-]|$)/gm, '$1\u2014')
          .replace(/(^|\s)--(?=\s|$)/gm, '$1\u2013')
          .replace(/(^|[^-\s])--(?=[^-\s]|$)/gm, '$1\u2013');
      }
    }
  });
}
