/**
 * The print model of a report: what layouts/print/report.typ typesets for one edition (large print at a size, or the
 * standard PDF). Layout decisions that need the edition's size are made here, with the real font's widths:
 * - a table whose columns cannot all hold their longest word at this size is read as "heading: value" rows instead
 *   (the page is never shrunk to fit it); otherwise each column gets at least its longest word;
 * - a picture is sized so that it, and its caption, fit on one page;
 * - a picture inside a paragraph is printed after that paragraph (never dropped).
 */
import type { Block, HeadingBlock, ImageRef, Inline, ReportDocument, TableBlock } from '../../report/model.ts';
import type { Organisation } from '../../report/site-data.ts';
import { plainText } from '../../report/plain-text.ts';
import { CALLOUT_LABELS, withTaskState } from '../../report/callouts.ts';
import { readableDate } from '../site/filters.ts';
import { listInWords } from '../available.ts';
import { fontMetrics } from '../../engines/pdf/font-metrics.ts';
import { PRINT_FONTS } from '../../engines/pdf/print-fonts.ts';
import type { PrintImage } from '../../engines/pdf/print-images.ts';
import {
  printableUrl,
  printInlineText,
  printRuns,
  toPrintInlines,
  type PrintTextOptions,
} from '../../engines/pdf/print-text.ts';
import {
  bottomMarginPt,
  dateParts,
  TEXT_WIDTH_PT,
  textHeightPt,
  type PrintBlock,
  type PrintFrame,
  type PrintInline,
} from '../../engines/pdf/print-types.ts';
import type { PrintEdition } from './editions.ts';
import { changesNewestFirst } from '../../report/front-matter.ts';

export interface ReportPrintModel extends PrintFrame {
  cover: { edition: string; dates: string; summary: PrintInline[]; contact: PrintInline[] };
  otherFormats: { also?: string; intro: string; routes: PrintInline[][] };
  contents: boolean;
  body: PrintBlock[];
  notes: Array<{ n: number; blocks: PrintBlock[] }>;
  changes: Array<{ date: string; summary: PrintInline[] }>;
}

export interface ReportPrintInput {
  doc: ReportDocument;
  organisation: Organisation;
  edition: PrintEdition;
  /** Print-ready pictures by their src in the Markdown. */
  images: ReadonlyMap<string, PrintImage>;
  /** Other editions, for "also available as…". */
  otherFormats: readonly string[];
  /** The site's public address: links to its own pages are printed in full. */
  siteUrl?: string;
}

/** Indent of a list, quote or reflowed table, in ems (the template uses the same). */
const INDENT_EM = 1.5;
/** Horizontal padding of a table cell on each side, in ems, plus its border. */
const CELL_INSET_EM = 0.4;
const CALLOUT_INSET_EM = 0.8;

/** Columns that fit across an A4 page at this size before a table is read as rows (about 8 ems a column). */
export function maxTableColumns(sizePt: number): number {
  return Math.max(2, Math.floor(TEXT_WIDTH_PT / (sizePt * 8)));
}

interface State {
  input: ReportPrintInput;
  sizePt: number;
  abbreviationsSeen: Set<string>;
}

function textOptions(state: State, lineWidthPt: number, bold = false): PrintTextOptions {
  const { doc, siteUrl } = state.input;
  return {
    sizePt: state.sizePt,
    lineWidthPt,
    bold,
    abbreviationsSeen: state.abbreviationsSeen,
    // A link to the site itself ("request/", "/feedback/") means nothing on paper: print its full address.
    resolveHref: (href) =>
      !/^([a-z][a-z0-9+.-]*:|#)/i.test(href) && siteUrl
        ? new URL(href, new URL(`reports/${doc.slug}/`, siteUrl)).href
        : href,
  };
}

function wordsOf(nodes: readonly Inline[]): string[] {
  return plainText(nodes).split(/\s+/).filter(Boolean);
}

/** Widths of a table's columns at this size, or undefined when they cannot all hold their longest word. */
export function tableColumnWidths(
  table: Pick<TableBlock, 'header' | 'rows'>,
  sizePt: number,
  availablePt: number,
): number[] | undefined {
  const columns = table.header.length;
  if (columns > maxTableColumns(sizePt)) return undefined;
  const [regular, bold] = [false, true].map((b) => fontMetrics(PRINT_FONTS.find((f) => f.bold === b)!.file));
  const padding = 2 * CELL_INSET_EM * sizePt + 1;
  const minimum = new Array<number>(columns).fill(0);
  const natural = new Array<number>(columns).fill(0);
  // 8% over the measured width: kerning, and the 5% a word may exceed its line before it counts as too long (print-text.ts).
  const measure = (content: readonly Inline[], column: number, isBold: boolean): void => {
    const metrics = isBold ? bold! : regular!;
    const words = wordsOf(content);
    minimum[column] = Math.max(minimum[column]!, ...words.map((w) => metrics.widthPt(w, sizePt) * 1.08 + padding));
    natural[column] = Math.max(natural[column]!, metrics.widthPt(words.join(' '), sizePt) * 1.08 + padding);
  };
  table.header.forEach((cell, i) => measure(cell.content, i, true));
  // The first cell of a row is its row header, printed bold.
  for (const row of table.rows) row.slice(0, columns).forEach((cell, i) => measure(cell.content, i, i === 0));
  const least = minimum.reduce((a, b) => a + b, 0);
  if (least > availablePt) return undefined;
  const wanted = natural.reduce((a, b) => a + b, 0);
  if (wanted <= availablePt) {
    // Everything fits on one line per cell: share the spare width out so the table spans the page.
    return natural.map((w) => w + (availablePt - wanted) / columns);
  }
  // Each column gets its longest word, and the rest in proportion to how much more it would like.
  const spare = availablePt - least;
  const extra = natural.map((n, i) => n - minimum[i]!);
  const extraTotal = extra.reduce((a, b) => a + b, 0) || 1;
  return minimum.map((m, i) => m + (spare * extra[i]!) / extraTotal);
}

function table(block: TableBlock, state: State, availablePt: number): PrintBlock {
  const widths = tableColumnWidths(block, state.sizePt, availablePt);
  const caption = block.caption ? toPrintInlines(block.caption, textOptions(state, availablePt, true)) : undefined;
  if (widths) {
    const padding = 2 * CELL_INSET_EM * state.sizePt;
    const cell = (content: Inline[], column: number, bold: boolean): PrintInline[] =>
      toPrintInlines(content, textOptions(state, widths[column]! - padding, bold));
    return {
      k: 'table',
      ...(caption ? { caption } : {}),
      line: block.line,
      widthsPt: widths.map((w) => Math.floor(w * 100) / 100),
      header: block.header.map((c, i) => cell(c.content, i, true)),
      rows: block.rows.map((row) => block.header.map((_, i) => cell(row[i]?.content ?? [], i, i === 0))),
      numeric: block.header.map((c) => c.align === 'right'),
    };
  }
  const lineWidth = availablePt - 2 * INDENT_EM * state.sizePt;
  return {
    k: 'rows',
    ...(caption ? { caption } : {}),
    line: block.line,
    header: block.header.map((c) => toPrintInlines(c.content, textOptions(state, lineWidth, true))),
    rows: block.rows.map((row) =>
      block.header.map((_, i) => toPrintInlines(row[i]?.content ?? [], textOptions(state, lineWidth))),
    ),
  };
}

function figure(image: ImageRef, state: State, availablePt: number): PrintBlock[] {
  const printed = state.input.images.get(image.src);
  if (!printed || image.decorative) return [];
  // A picture and its caption always fit on one page: never taller than the text area less room for the caption.
  const bold = fontMetrics(PRINT_FONTS.find((f) => f.bold)!.file);
  const captionLines = image.caption
    ? Math.ceil((bold.widthPt(image.caption, state.sizePt) * 1.1) / availablePt) + 1
    : 0;
  const captionRoom = captionLines * 1.6 * state.sizePt;
  const maxHeight = textHeightPt(state.sizePt) - captionRoom - 2 * state.sizePt;
  const widthPt = Math.min(availablePt, (maxHeight * printed.width) / printed.height);
  return [
    {
      k: 'figure',
      src: printed.name,
      alt: image.alt,
      widthPt: Math.floor(widthPt * 100) / 100,
      line: image.line,
      ...(image.caption
        ? { caption: printRuns(image.caption, { sizePt: state.sizePt, lineWidthPt: availablePt, bold: true }) }
        : {}),
    },
  ];
}

function inlineImages(nodes: readonly Inline[]): ImageRef[] {
  return nodes.flatMap((n) => (n.type === 'image' ? [n.image] : 'children' in n ? inlineImages(n.children) : []));
}

function blocks(list: readonly Block[], state: State, availablePt: number): PrintBlock[] {
  return list.flatMap((block): PrintBlock[] => {
    switch (block.type) {
      case 'heading':
        return [
          {
            k: 'h',
            level: block.level,
            c: toPrintInlines(block.content, textOptions(state, availablePt, true)),
            line: block.line,
          },
        ];
      case 'paragraph': {
        // A paragraph that was only a picture leaves no text behind (a note reference is text: "(note 1)").
        const hasText = plainText(block.content).trim() !== '' || block.content.some((n) => n.type === 'footnote-ref');
        const text: PrintBlock[] = hasText
          ? [{ k: 'p', c: toPrintInlines(block.content, textOptions(state, availablePt)), line: block.line }]
          : [];
        return [...text, ...inlineImages(block.content).flatMap((image) => figure(image, state, availablePt))];
      }
      case 'list': {
        const inner = availablePt - INDENT_EM * state.sizePt;
        const items = block.items.map((item, i) => blocks(withTaskState(item, block.done?.[i]), state, inner));
        return [{ k: 'list', ordered: block.ordered, start: block.start, items, line: block.line }];
      }
      case 'quote':
        return [
          { k: 'quote', blocks: blocks(block.blocks, state, availablePt - INDENT_EM * state.sizePt), line: block.line },
        ];
      case 'callout': {
        const inner = availablePt - 2 * CALLOUT_INSET_EM * state.sizePt;
        return [
          {
            k: 'callout',
            label: CALLOUT_LABELS[block.kind],
            blocks: blocks(block.blocks, state, inner),
            line: block.line,
          },
        ];
      }
      case 'figure':
        return figure(block.image, state, availablePt);
      case 'table':
        return [table(block, state, availablePt)];
      case 'code': {
        const inner = availablePt - 2 * CELL_INSET_EM * state.sizePt;
        return [
          {
            k: 'code',
            lines: block.text
              .replace(/\n$/, '')
              .split('\n')
              .map((text) => printRuns(text, { sizePt: state.sizePt, lineWidthPt: inner })),
            line: block.line,
          },
        ];
      }
      case 'rule':
        return [{ k: 'rule', line: block.line }];
      case 'html':
        return [];
    }
  });
}

function contactRoutes(org: Organisation, sizePt: number): PrintInline[][] {
  const run = (text: string): PrintInline[] =>
    printRuns(text, { sizePt, lineWidthPt: TEXT_WIDTH_PT - INDENT_EM * sizePt });
  return [
    run(`Phone: ${org.phone}${org.hours ? ` (${org.hours})` : ''}`),
    ...(org.text ? [run(`Text: ${org.text}`)] : []),
    run(`Email: ${org.email}`),
    run(`Post: ${org.address.join(', ')}`),
    run(`Web: ${printableUrl(org.website)}`),
  ];
}

export function reportPrintModel(input: ReportPrintInput): ReportPrintModel {
  const { doc, organisation: org, edition } = input;
  const sizePt = edition.fontSizePt;
  const state: State = { input, sizePt, abbreviationsSeen: new Set() };
  const run = (text: string, bold = false): PrintInline[] =>
    printRuns(text, { sizePt, lineWidthPt: TEXT_WIDTH_PT, bold });
  const dates = [
    `Published ${readableDate(doc.meta.published)}`,
    ...(doc.meta.updated ? [`updated ${readableDate(doc.meta.updated)}`] : []),
  ].join(', ');
  return {
    lang: doc.meta.lang,
    sizePt,
    bottomMarginPt: bottomMarginPt(sizePt),
    title: doc.meta.title,
    publisher: org.name,
    date: dateParts(doc.meta.published),
    cover: {
      edition: edition.name,
      dates: `${dates}.`,
      summary: run(doc.meta.summary),
      contact: run(
        `For this report in another format, phone ${org.phone} or email ${org.email}. Other formats are listed on the next page.`,
      ),
    },
    otherFormats: {
      ...(input.otherFormats.length
        ? { also: `This report is also available as ${listInWords(input.otherFormats)}.` }
        : {}),
      intro: `To ask for it in another format, such as braille, audio, easy read or another language, contact ${org.name}:`,
      routes: contactRoutes(org, sizePt),
    },
    contents: doc.sections.some((s) => s.heading),
    body: blocks(doc.blocks, state, TEXT_WIDTH_PT),
    notes: doc.footnotes.map((note) => ({
      n: note.number,
      blocks: blocks(note.blocks, state, TEXT_WIDTH_PT - INDENT_EM * sizePt),
    })),
    changes: changesNewestFirst(doc.meta.changes).map((c) => ({ date: readableDate(c.date), summary: run(c.summary) })),
  };
}

/** The headings of a printed report in order: what its bookmarks must equal. */
export function reportPrintHeadings(model: ReportPrintModel): Array<Pick<HeadingBlock, 'level' | 'text'>> {
  const body: Array<Pick<HeadingBlock, 'level' | 'text'>> = [];
  const visit = (list: readonly PrintBlock[]): void => {
    for (const block of list) {
      if (block.k === 'h') body.push({ level: block.level, text: printInlineText(block.c) });
    }
  };
  visit(model.body);
  return [
    { level: 1, text: model.title },
    { level: 2, text: 'Other formats' },
    ...(model.contents ? [{ level: 2, text: 'Contents' }] : []),
    ...body,
    ...(model.notes.length ? [{ level: 2, text: 'Notes' }] : []),
    ...(model.changes.length ? [{ level: 2, text: 'Changes to this report' }] : []),
  ];
}

/** Link text by address, so each link annotation in the PDF can describe itself (the first text wins). */
export function printLinkTexts(blocks: readonly PrintBlock[]): Array<[string, string]> {
  const texts = new Map<string, string>();
  const inlines = (nodes: readonly PrintInline[]): void => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      if (node.k === 'a' && !texts.has(node.href)) texts.set(node.href, printInlineText(node.c).trim());
      if ('c' in node) inlines(node.c);
    }
  };
  const visit = (list: readonly PrintBlock[]): void => {
    for (const block of list) {
      if (block.k === 'h' || block.k === 'p') inlines(block.c);
      else if (block.k === 'list') block.items.forEach(visit);
      else if (block.k === 'quote' || block.k === 'callout') visit(block.blocks);
      else if (block.k === 'table' || block.k === 'rows') [...block.header, ...block.rows.flat()].forEach(inlines);
    }
  };
  visit(blocks);
  return [...texts];
}
