/**
 * What every edition of a report must carry, listed from the report model: each heading, each paragraph's opening
 * words, each list item, table (caption, header cells, rows), figure (alt text, caption), quote, note, link text,
 * callout and change note. Each item keeps the line it came from, for the message when an edition lacks it.
 */
import type { Block, Inline, ReportDocument } from '../../report/model.ts';
import type { EasyReadDocument } from '../../formats/easy-read/model.ts';
import { wordsOf } from '../../report/words.ts';
import { changesNewestFirst } from '../../report/front-matter.ts';
import { CODE_MARK } from '../../formats/audio/speakable.ts';

export type ItemKind =
  | 'heading'
  | 'paragraph'
  | 'list item'
  | 'table caption'
  | 'table header'
  | 'table header row'
  | 'table'
  | 'figure'
  | 'figure caption'
  | 'quote'
  | 'note'
  | 'link'
  | 'change note'
  | 'point'
  | 'picture'
  | 'hard word';

export interface ParityItem {
  kind: ItemKind;
  /** As the editor wrote it, for messages. */
  text: string;
  /** The words an edition must hold in this order (see words.ts). */
  words: string[];
  line: number;
  /** Tables: how many body rows. */
  rows?: number;
  /** Figures: the alt text (an edition may carry it as an attribute, not as text). */
  alt?: boolean;
  /** Checked only in editions with real tables (a PDF may print a wide table as a list of rows). */
  tablesOnly?: boolean;
  /** A change note other than the newest. */
  olderChange?: boolean;
}

/** Opening words a paragraph is found by: its first text run, up to 8 words (a note number or link may follow). */
const OPENING_WORDS = 8;

function openingText(nodes: readonly Inline[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.text;
    else if (node.type === 'strong' || node.type === 'em' || node.type === 'strike') text += openingText(node.children);
    else if (text.trim()) break;
  }
  return text;
}

function plain(nodes: readonly Inline[]): string {
  return nodes
    .map((n) =>
      n.type === 'text'
        ? n.text
        : n.type === 'code'
          ? `${CODE_MARK}${n.text}${CODE_MARK}`
          : 'children' in n
            ? plain(n.children)
            : ' ',
    )
    .join('');
}

/** A list of items, and the two ways of adding one: a whole text, or the opening words of a run of inlines. */
function collector() {
  const items: ParityItem[] = [];
  const add = (kind: ItemKind, text: string, line: number, extra: Partial<ParityItem> = {}): void => {
    const words = wordsOf(text);
    if (words.length) items.push({ kind, text: text.replace(/\s+/g, ' ').trim(), words, line, ...extra });
  };
  // The first words as written (for the message), cut where the 8th word ends. Symbols between them stay: the audio
  // says "Dictation & Speech" as "Dictation and Speech", so its spoken form needs the "&" (a menu path, "A > B & C").
  const opening = (kind: ItemKind, nodes: readonly Inline[], line: number): void => {
    const kept: string[] = [];
    let counted = 0;
    for (const token of openingText(nodes).trim().split(/\s+/)) {
      if (counted === OPENING_WORDS) break;
      kept.push(token);
      counted += Math.min(1, wordsOf(token).length);
    }
    while (kept.length && wordsOf(kept.at(-1)!).length === 0) kept.pop();
    add(kind, kept.join(' '), line);
  };
  return { items, add, opening };
}

/**
 * What every easy-read edition (page, PDF, audio) must carry, from the easy-read model: each section heading, each
 * point's opening words and picture, each hard word and the start of its explanation.
 */
export function expectedEasyReadItems(doc: EasyReadDocument): ParityItem[] {
  const { items, add, opening } = collector();
  for (const section of doc.sections) {
    if (section.heading) add('heading', section.heading.text, section.heading.line);
    for (const point of section.points) {
      opening('point', point.content, point.line);
      if (point.picture && !point.picture.decorative) add('picture', point.picture.alt, point.line, { alt: true });
    }
  }
  for (const hard of doc.hardWords) {
    add('hard word', hard.word, hard.line);
    opening('hard word', hard.explanation, hard.line);
  }
  return items;
}

export function expectedItems(doc: ReportDocument): ParityItem[] {
  const { items, add, opening } = collector();
  const links = (nodes: readonly Inline[], line: number): void => {
    for (const node of nodes) {
      if (node.type === 'link') add('link', plain(node.children), node.line ?? line);
      if ('children' in node) links(node.children, line);
    }
  };
  const blocks = (list: readonly Block[], inQuote = false): void => {
    for (const block of list) {
      switch (block.type) {
        case 'heading':
          add('heading', plain(block.content), block.line);
          break;
        case 'paragraph':
          opening(inQuote ? 'quote' : 'paragraph', block.content, block.line);
          links(block.content, block.line);
          for (const node of block.content)
            if (node.type === 'image' && !node.image.decorative)
              add('figure', node.image.alt, node.image.line, { alt: true });
          break;
        case 'list':
          for (const item of block.items) {
            const first = item[0];
            if (first?.type === 'paragraph') {
              opening('list item', first.content, first.line);
              links(first.content, first.line);
            }
            blocks(item.slice(1), inQuote);
          }
          break;
        case 'quote':
          blocks(block.blocks, true);
          break;
        case 'callout':
          blocks(block.blocks, inQuote);
          break;
        case 'figure':
          if (!block.image.decorative) add('figure', block.image.alt, block.line, { alt: true });
          if (block.image.caption) add('figure caption', block.image.caption, block.line);
          break;
        case 'table':
          if (block.caption) add('table caption', plain(block.caption), block.line);
          // Each header cell must be there; in an edition with real tables, the whole header row in order too.
          for (const cell of block.header) add('table header', plain(cell.content), block.line);
          add('table header row', block.header.map((cell) => plain(cell.content)).join(' | '), block.line, {
            tablesOnly: true,
          });
          items.push({
            kind: 'table',
            text: block.caption ? plain(block.caption) : `table of ${block.rows.length} rows`,
            words: [],
            line: block.line,
            rows: block.rows.length,
          });
          break;
        case 'code':
        case 'rule':
        case 'html':
          break;
      }
    }
  };
  blocks(doc.blocks);
  for (const note of doc.footnotes) {
    const first = note.blocks[0];
    if (first?.type === 'paragraph') opening('note', first.content, first.line);
  }
  const newest = changesNewestFirst(doc.meta.changes)[0];
  doc.meta.changes.forEach((change, index) =>
    add('change note', change.summary, doc.changeLines?.[index] ?? 0, change === newest ? {} : { olderChange: true }),
  );
  return items;
}
