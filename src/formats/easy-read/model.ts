/**
 * The easy-read document: sections of points, each point one picture and 1–3 short sentences, and a "Hard words"
 * list. Built from the same typed model as the report (the same markdown-it factory parsed it).
 *
 * The authoring shape: a paragraph that starts with a picture is a point.
 *     ![A mother holding her baby](pictogram:woman feeding baby) We talked to 18 mothers.
 * A "## Hard words" section lists words as "**Word**: what it means".
 */
import type { Block, ImageRef, Inline, ReportDocument } from '../../report/model.ts';
import { plainText } from '../../report/plain-text.ts';
import type { EasyReadMeta } from './front-matter.ts';

export interface EasyReadPoint {
  picture?: ImageRef;
  /** The words after the picture. */
  content: Inline[];
  line: number;
}

export interface EasyReadSection {
  heading?: { text: string; id: string; line: number };
  points: EasyReadPoint[];
}

export interface HardWord {
  word: string;
  explanation: Inline[];
  line: number;
}

export interface EasyReadDocument {
  slug: string;
  file: string;
  folder: string;
  meta: EasyReadMeta;
  sections: EasyReadSection[];
  hardWords: HardWord[];
  /** Blocks that are not points (lists, tables, quotes…): the checks refuse them. */
  strayBlocks: Block[];
  abbreviations: Map<string, string>;
}

export const HARD_WORDS_HEADING = /^hard words$/i;

/** "**Perinatal**: the time…" or "**Perinatal** – the time…" → a hard word. */
function hardWord(content: readonly Inline[], line: number): HardWord | undefined {
  const [first, ...rest] = content;
  if (first?.type !== 'strong') return undefined;
  const explanation = [...rest];
  const lead = explanation[0];
  if (lead?.type === 'text') explanation[0] = { type: 'text', text: lead.text.replace(/^\s*[:–—-]\s*/, '') };
  return { word: plainText(first.children).trim(), explanation, line };
}

function withoutLeadingSpace(nodes: Inline[]): Inline[] {
  const [first, ...rest] = nodes;
  if (first?.type !== 'text') return nodes;
  const text = first.text.replace(/^\s+/, '');
  return text ? [{ type: 'text', text }, ...rest] : rest;
}

export function toEasyRead(doc: ReportDocument, meta: EasyReadMeta): EasyReadDocument {
  const sections: EasyReadSection[] = [{ points: [] }];
  const hardWords: HardWord[] = [];
  const strayBlocks: Block[] = [];
  let inHardWords = false;
  const addHardWord = (content: readonly Inline[], line: number, block: Block): void => {
    const word = hardWord(content, line);
    if (word) hardWords.push(word);
    else strayBlocks.push(block);
  };
  for (const block of doc.blocks) {
    if (block.type === 'heading' && block.level === 2) {
      inHardWords = HARD_WORDS_HEADING.test(block.text.trim());
      if (!inHardWords) sections.push({ heading: { text: block.text, id: block.id, line: block.line }, points: [] });
      continue;
    }
    if (inHardWords) {
      if (block.type === 'paragraph') addHardWord(block.content, block.line, block);
      else if (block.type === 'list') {
        for (const item of block.items) {
          for (const inner of item) {
            if (inner.type === 'paragraph') addHardWord(inner.content, inner.line, inner);
            else strayBlocks.push(inner);
          }
        }
      } else strayBlocks.push(block);
      continue;
    }
    const points = sections.at(-1)!.points;
    if (block.type === 'figure') points.push({ picture: block.image, content: [], line: block.line });
    else if (block.type === 'paragraph') {
      const first = block.content.findIndex((n) => !(n.type === 'text' && n.text.trim() === ''));
      const lead = block.content[first];
      if (lead?.type === 'image')
        points.push({
          picture: lead.image,
          content: withoutLeadingSpace(block.content.slice(first + 1)),
          line: block.line,
        });
      else points.push({ content: block.content, line: block.line });
    } else strayBlocks.push(block);
  }
  return {
    slug: doc.slug,
    file: doc.file,
    folder: doc.folder,
    meta,
    sections: sections.filter((s, i) => i > 0 || s.points.length > 0),
    hardWords,
    strayBlocks,
    abbreviations: doc.abbreviations,
  };
}
