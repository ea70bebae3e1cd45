/**
 * The report as braille blocks, still in print (liblouis translates them): what a braille reader needs in reading
 * order. Headings keep their level; tables become one block per row of "heading: value" pairs (never run-on text);
 * notes follow the paragraph that cites them; images are "Image: …" from their alt text; abbreviations are spelt out
 * on first use, as in print; link addresses are left out (their text is read).
 */
import type { Block, Footnote, Inline, ReportDocument } from '../../report/model.ts';
import { plainText } from '../../report/plain-text.ts';
import { saidInFullJustBefore } from '../../report/abbreviations.ts';
import { CALLOUT_LABELS, withTaskState } from '../../report/callouts.ts';

export type BrailleBlock =
  | { kind: 'heading'; level: number; text: string; line: number }
  | { kind: 'paragraph'; text: string; line: number }
  /** A list item or table row: starts at the margin, runs over indented (a hanging indent). */
  | { kind: 'item'; text: string; depth: number; line: number };

interface State {
  abbreviationsSeen: Set<string>;
  footnotes: Map<number, Footnote>;
  pendingNotes: number[];
}

function inline(nodes: readonly Inline[], state: State): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text;
        break;
      case 'strong':
      case 'em':
      case 'strike':
      case 'link':
        out += inline(node.children, state);
        break;
      case 'code':
        out += node.text;
        break;
      case 'break':
        out += ' ';
        break;
      case 'html':
        break;
      case 'image':
        if (!node.image.decorative) out += ` (Image: ${node.image.alt}) `;
        break;
      case 'footnote-ref':
        state.pendingNotes.push(node.footnote);
        out += ` (note ${node.footnote})`;
        break;
      case 'abbr': {
        const short = plainText(node.children);
        if (saidInFullJustBefore(out, node.title) || state.abbreviationsSeen.has(short)) out += short;
        else out += `${short} (${node.title})`;
        state.abbreviationsSeen.add(short);
        break;
      }
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

function notes(state: State, line: number): BrailleBlock[] {
  return [...new Set(state.pendingNotes.splice(0))].flatMap((n) => {
    const note = state.footnotes.get(n);
    if (!note) return [];
    const text = note.blocks
      .map((b) => (b.type === 'paragraph' ? inline(b.content, state) : ''))
      .filter(Boolean)
      .join(' ');
    return [{ kind: 'paragraph' as const, text: `Note ${n}: ${text}`, line }];
  });
}

function blocks(list: readonly Block[], state: State, depth = 0): BrailleBlock[] {
  const out: BrailleBlock[] = [];
  for (const block of list) {
    switch (block.type) {
      case 'heading':
        out.push({ kind: 'heading', level: block.level, text: inline(block.content, state), line: block.line });
        break;
      case 'paragraph':
        out.push(
          { kind: 'paragraph', text: inline(block.content, state), line: block.line },
          ...notes(state, block.line),
        );
        break;
      case 'list':
        block.items.forEach((item, i) => {
          const [first, ...rest] = blocks(withTaskState(item, block.done?.[i]), state, depth + 1);
          const marker = block.ordered ? `${block.start + i}.` : '-';
          if (first) out.push({ kind: 'item', text: `${marker} ${first.text}`, depth, line: block.line });
          out.push(...rest);
        });
        out.push(...notes(state, block.line));
        break;
      case 'quote':
        out.push(
          ...blocks(block.blocks, state, depth).map((b) =>
            b.kind === 'paragraph' ? { ...b, text: `"${b.text}"` } : b,
          ),
        );
        break;
      case 'callout': {
        // Braille has no box to draw round it, so the label opens it and a line closes it, as the audio says them.
        const label = CALLOUT_LABELS[block.kind];
        out.push({ kind: 'paragraph', text: `${label}:`, line: block.line }, ...blocks(block.blocks, state, depth), {
          kind: 'paragraph',
          text: `End of ${label.toLowerCase()}.`,
          line: block.line,
        });
        break;
      }
      case 'figure':
        if (!block.image.decorative)
          out.push({
            kind: 'paragraph',
            text: `Image: ${block.image.alt}${block.image.caption ? ` ${block.image.caption}` : ''}`,
            line: block.line,
          });
        break;
      case 'table': {
        const headers = block.header.map((h) => inline(h.content, state));
        const caption = block.caption ? inline(block.caption, state) : '';
        out.push({
          kind: 'paragraph',
          text: `Table${caption ? `: ${caption}` : ''} (${block.rows.length} ${block.rows.length === 1 ? 'row' : 'rows'})`,
          line: block.line,
        });
        for (const row of block.rows) {
          const cells = row.map((cell, c) => `${headers[c] || `Column ${c + 1}`}: ${inline(cell.content, state)}`);
          out.push({ kind: 'item', text: cells.join('; '), depth, line: block.line });
        }
        out.push(...notes(state, block.line));
        break;
      }
      case 'code':
        out.push({ kind: 'paragraph', text: block.text.replace(/\s+/g, ' '), line: block.line });
        break;
      case 'rule':
      case 'html':
        break;
    }
  }
  return out.filter((b) => b.text !== '');
}

export function reportBrailleBlocks(doc: ReportDocument): BrailleBlock[] {
  const state: State = {
    abbreviationsSeen: new Set(),
    footnotes: new Map(doc.footnotes.map((f) => [f.number, f])),
    pendingNotes: [],
  };
  return doc.sections.flatMap((section) => [
    ...(section.heading
      ? [
          {
            kind: 'heading' as const,
            level: section.heading.level,
            text: inline(section.heading.content, state),
            line: section.heading.line,
          },
        ]
      : []),
    ...blocks(section.blocks, state),
  ]);
}
