/**
 * The easy-read PDF's print model, for layouts/print/easy-read.typ: each point a picture on the left and its words on
 * the right, at 18 pt (nothing below 16 pt, UK easy-read guidance), the Hard words list, what changed, and how to get
 * other formats.
 */
import type { Organisation } from '../../report/site-data.ts';
import type { PrintImage } from '../../engines/pdf/print-images.ts';
import { printableUrl, printRuns, toPrintInlines, type PrintTextOptions } from '../../engines/pdf/print-text.ts';
import {
  bottomMarginPt,
  dateParts,
  TEXT_WIDTH_PT,
  type PrintFrame,
  type PrintInline,
} from '../../engines/pdf/print-types.ts';
import { readableDate } from '../site/filters.ts';
import type { EasyReadDocument } from './model.ts';
import { stripMarkers } from './checks.ts';
import { PICTOGRAM_CREDIT } from './pictograms.ts';
import { changesNewestFirst } from '../../report/front-matter.ts';

export const EASY_READ_PRINT = {
  /** Body text; headings are larger. */
  bodyPt: 18,
  /** Nothing may be smaller (page numbers included). */
  minimumPt: 16,
  /** Width of the picture column (the template uses the same). */
  pictureMm: 32,
  gapMm: 8,
};

export interface EasyReadPrintModel extends PrintFrame {
  intro: string;
  dates: string;
  checked?: string;
  sections: Array<{
    heading?: string;
    line: number;
    points: Array<{ picture?: { src: string; alt: string }; c: PrintInline[]; line: number }>;
  }>;
  hardWords: Array<{ word: string; c: PrintInline[] }>;
  changes: Array<{ date: string; summary: PrintInline[] }>;
  routes: PrintInline[][];
  credit?: string;
  /** Blocks with their Markdown lines, so a failed typeset can name one (see engines/pdf/typeset.ts). */
  body: Array<{ line: number }>;
}

export interface EasyReadPrintInput {
  doc: EasyReadDocument;
  organisation: Organisation;
  pictures: ReadonlyMap<string, PrintImage>;
  usesPictograms: boolean;
}

/** Headings of the easy-read PDF in order: what its bookmarks must equal. */
export function easyReadHeadings(doc: EasyReadDocument): Array<{ level: number; text: string }> {
  return [
    { level: 1, text: doc.meta.title },
    ...doc.sections.flatMap((s) => (s.heading ? [{ level: 2, text: s.heading.text }] : [])),
    ...(doc.hardWords.length ? [{ level: 2, text: 'Hard words' }] : []),
    ...(doc.meta.changes.length ? [{ level: 2, text: 'What changed' }] : []),
    { level: 2, text: 'Other formats' },
  ];
}

export function easyReadPrintModel(input: EasyReadPrintInput): EasyReadPrintModel {
  const { doc, organisation: org } = input;
  const sizePt = EASY_READ_PRINT.bodyPt;
  const mmToPt = 72 / 25.4;
  const options: PrintTextOptions = {
    sizePt,
    lineWidthPt: TEXT_WIDTH_PT - (EASY_READ_PRINT.pictureMm + EASY_READ_PRINT.gapMm) * mmToPt,
    cleanText: stripMarkers,
  };
  const run = (text: string): PrintInline[] => printRuns(text, { sizePt, lineWidthPt: TEXT_WIDTH_PT });
  const sections = doc.sections.map((section) => ({
    ...(section.heading ? { heading: section.heading.text } : {}),
    line: section.heading?.line ?? section.points[0]?.line ?? 0,
    points: section.points.map((point) => {
      const picture = point.picture ? input.pictures.get(point.picture.src) : undefined;
      return {
        ...(picture && point.picture ? { picture: { src: picture.name, alt: point.picture.alt } } : {}),
        c: toPrintInlines(point.content, options),
        line: point.line,
      };
    }),
  }));
  return {
    lang: doc.meta.lang,
    sizePt,
    bottomMarginPt: bottomMarginPt(EASY_READ_PRINT.minimumPt),
    title: doc.meta.title,
    publisher: org.name,
    date: dateParts(doc.meta.published),
    // Short, as easy read asks: the full report's long title is on its own web page.
    intro: 'This is the easy read version of a longer report.',
    dates: `Published ${readableDate(doc.meta.published)}${doc.meta.updated ? `. Updated ${readableDate(doc.meta.updated)}` : ''}.`,
    ...(doc.meta.checkedBy && doc.meta.checkedOn
      ? { checked: `${doc.meta.checkedBy} checked this with readers on ${readableDate(doc.meta.checkedOn)}.` }
      : {}),
    sections,
    hardWords: doc.hardWords.map((h) => ({
      word: h.word,
      c: toPrintInlines(h.explanation, { ...options, lineWidthPt: TEXT_WIDTH_PT }),
    })),
    changes: changesNewestFirst(doc.meta.changes).map((c) => ({ date: readableDate(c.date), summary: run(c.summary) })),
    routes: [
      run(`Phone: ${org.phone}`),
      ...(org.text ? [run(`Text: ${org.text}`)] : []),
      run(`Email: ${org.email}`),
      run(`Web: ${printableUrl(org.website)}`),
    ],
    ...(input.usesPictograms ? { credit: PICTOGRAM_CREDIT } : {}),
    body: sections.map((s) => ({ line: s.line })),
  };
}
