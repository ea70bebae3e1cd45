/**
 * The typed report model: what every format renders. Built once per report from markdown-it tokens
 * (see build-document.ts); every node carries the line of the source file it came from, so checks can point at it.
 *
 * The model is plain data (no tokens inside), so the audio script, easy read and print renderers can walk it without
 * knowing markdown-it. The website renders the same tokens with markdown-it's HTML renderer.
 */
import type { FrontMatter } from './front-matter.ts';
import type { CalloutKind } from './callouts.ts';

/**
 * `line` is set on a node that starts on a later line than its block (a paragraph wrapped over several lines), so a
 * check points at the node's own line; otherwise the block's line stands.
 */
export type Inline =
  | { type: 'text'; text: string; line?: number }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'strike'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; title?: string; children: Inline[]; line?: number }
  | { type: 'abbr'; title: string; children: Inline[] }
  | { type: 'footnote-ref'; footnote: number; label: string; line?: number }
  | { type: 'image'; image: ImageRef }
  | { type: 'html'; raw: string; line?: number }
  | { type: 'break' };

export interface ImageRef {
  src: string;
  /** Empty when decorative. */
  alt: string;
  decorative: boolean;
  /** From the Markdown title: ![alt](src "caption") */
  caption?: string;
  line: number;
}

export interface HeadingBlock {
  type: 'heading';
  level: number;
  id: string;
  explicitId: boolean;
  text: string;
  content: Inline[];
  line: number;
}
export interface ParagraphBlock {
  type: 'paragraph';
  content: Inline[];
  line: number;
}
/**
 * `done` is set when the list holds checklist items (`- [ ]`, `- [x]`): one entry per item, null for an item that is
 * not a checklist item.
 */
export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start: number;
  items: Block[][];
  done?: Array<boolean | null>;
  line: number;
}
export interface QuoteBlock {
  type: 'quote';
  blocks: Block[];
  line: number;
}
/** A GitHub-style alert (`> [!NOTE]`): a boxed aside with a label in every edition. */
export interface CalloutBlock {
  type: 'callout';
  kind: CalloutKind;
  blocks: Block[];
  line: number;
}
export interface FigureBlock {
  type: 'figure';
  image: ImageRef;
  line: number;
}
export interface TableCell {
  content: Inline[];
  align: 'left' | 'center' | 'right' | null;
}
export interface TableBlock {
  type: 'table';
  caption?: Inline[];
  header: TableCell[];
  rows: TableCell[][];
  line: number;
}
export interface CodeBlock {
  type: 'code';
  text: string;
  line: number;
}
export interface RuleBlock {
  type: 'rule';
  line: number;
}
export interface HtmlBlock {
  type: 'html';
  raw: string;
  line: number;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | QuoteBlock
  | CalloutBlock
  | FigureBlock
  | TableBlock
  | CodeBlock
  | RuleBlock
  | HtmlBlock;

export interface Footnote {
  /** 1-based number shown to readers. */
  number: number;
  label: string;
  blocks: Block[];
  line: number;
}

export interface Section {
  /** Undefined for the text before the first h2. */
  heading?: HeadingBlock;
  blocks: Block[];
}

export interface ReportDocument {
  slug: string;
  /** Path of the Markdown file, for messages. */
  file: string;
  /** Folder holding the report and its images. */
  folder: string;
  meta: FrontMatter;
  blocks: Block[];
  /** Blocks grouped under their h2 (h3 and below stay inside). */
  sections: Section[];
  headings: HeadingBlock[];
  /** Abbreviation → expansion, from lines like *[NHS]: National Health Service */
  abbreviations: Map<string, string>;
  footnotes: Footnote[];
  /** The front-matter line of each change's summary, in the order of meta.changes (for messages). */
  changeLines?: readonly number[];
}
