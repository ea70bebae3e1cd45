/**
 * Core rule: images.
 * - An image alone in its paragraph is a figure (its title, if any, is the caption): the paragraph is hidden so no
 *   renderer wraps a figure in <p>.
 * - ![""](file.png) is how an editor says "this image is decorative": the alt becomes empty and meta.decorative is set,
 *   so an empty alt from a forgotten description can be told apart from a deliberate one.
 */
import type { MarkdownIt } from 'markdown-it';
import type { StateCore } from 'markdown-it';
import type { Token } from 'markdown-it';

const DECORATIVE_MARKERS = new Set(['""', '“”', "''", '‘’']);

function markDecorative(image: Token): void {
  const alt = image.children?.map((c) => c.content).join('') ?? image.content;
  const decorative = DECORATIVE_MARKERS.has(alt.trim());
  image.meta = { ...(image.meta ?? {}), decorative };
  if (decorative) {
    image.children = [];
    image.content = '';
  }
}

export function figures(md: MarkdownIt): void {
  md.core.ruler.push('figures', (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== 'inline' || !token.children) continue;
      for (const child of token.children) if (child.type === 'image') markDecorative(child);
      const open = tokens[i - 1];
      const close = tokens[i + 1];
      const meaningful = token.children.filter(
        (c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak',
      );
      const lone = meaningful.length === 1 && meaningful[0]!.type === 'image';
      if (lone && open?.type === 'paragraph_open' && close?.type === 'paragraph_close') {
        open.hidden = true;
        close.hidden = true;
        const image = meaningful[0]!;
        image.meta = { ...(image.meta ?? {}), figure: true };
      }
    }
  });
}
