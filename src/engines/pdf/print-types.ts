/**
 * The data a Typst template typesets: plain JSON, handed to the compiler as a virtual file, so report text never
 * passes through Typst markup and needs no escaping. Short keys keep the JSON small; layouts/print/common.typ
 * renders them. Every block carries the Markdown line it came from, so a failed typeset can name it.
 */

/** A run of text, or a span with a meaning the template renders. */
export type PrintInline =
  | string
  | { k: 'b'; c: PrintInline[] }
  | { k: 'del'; c: PrintInline[] }
  /** A link: its text, and the address printed after it (a reader cannot click paper). */
  | { k: 'a'; href: string; c: PrintInline[]; url?: string }
  /** Never broken across lines (a phone number, a postcode). */
  | { k: 'nb'; t: string }
  /** A word too long for any line it can be on: the only text the template lets Typst break inside. */
  | { k: 'long'; t: string }
  | { k: 'br' };

export type PrintBlock =
  | { k: 'h'; level: number; c: PrintInline[]; line: number }
  | { k: 'p'; c: PrintInline[]; line: number }
  | { k: 'list'; ordered: boolean; start: number; items: PrintBlock[][]; line: number }
  | { k: 'quote'; blocks: PrintBlock[]; line: number }
  /** A boxed note, warning or tip, its label printed first in bold. */
  | { k: 'callout'; label: string; blocks: PrintBlock[]; line: number }
  /** `src` names a virtual image file; `widthPt` already keeps a tall picture within one page. */
  | { k: 'figure'; src: string; alt: string; caption?: PrintInline[]; widthPt: number; line: number }
  /** `widthsPt` are computed so every word fits its column at the edition's size. */
  | {
      k: 'table';
      caption?: PrintInline[];
      header: PrintInline[][];
      rows: PrintInline[][][];
      numeric: boolean[];
      widthsPt: number[];
      line: number;
    }
  /** A table too wide for the page at this size, read one row at a time as "heading: value" lines. */
  | { k: 'rows'; caption?: PrintInline[]; header: PrintInline[][]; rows: PrintInline[][][]; line: number }
  /** Preformatted text, a line at a time (long lines break only where a word is too long for any line). */
  | { k: 'code'; lines: PrintInline[][]; line: number }
  | { k: 'rule'; line: number };

/** What every print model gives the shared page setup (layouts/print/common.typ). */
export interface PrintFrame {
  lang: string;
  /** Body text size; the page numbers are set at it too. */
  sizePt: number;
  bottomMarginPt: number;
  title: string;
  publisher: string;
  /** [year, month, day] of publication: the PDF's creation date (the same input gives the same bytes). */
  date: [number, number, number];
}

/** "2024-06-30" → [2024, 6, 30]. */
export function dateParts(iso: string): [number, number, number] {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/** Page geometry shared by the templates and the layout decisions made before typesetting (A4, ISO 216). */
export const PAGE = {
  widthPt: 595.28,
  heightPt: 841.89,
  /** 20 mm side and top margins. */
  marginPt: 56.69,
};

/** Width of the text column in points. */
export const TEXT_WIDTH_PT = PAGE.widthPt - 2 * PAGE.marginPt;

/** The bottom margin holds the page number at the edition's size. */
export function bottomMarginPt(sizePt: number): number {
  return Math.max(PAGE.marginPt + 14, sizePt * 4.5);
}

/** Height of the text area at this size. */
export function textHeightPt(sizePt: number): number {
  return PAGE.heightPt - PAGE.marginPt - bottomMarginPt(sizePt);
}
