/**
 * Read-back checks: open a finished PDF and prove what the template only promised (../shared/FORMATS.md), as a
 * screen reader or a reflowing viewer would meet it: the tagging, metadata, bookmarks, page sizes, every
 * text run's size and the marked content behind the tag tree — all with pdf-lib and a small content-stream reader
 * (page-text.ts), about ten times faster than pdf.js here. pdf.js and poppler stay the independent readers in the tests.
 * Each failure names the page and the offending text.
 *
 * Two checks exist because a PDF can look right and read wrong:
 * - glued words: the words in the tag tree (what assistive technology reads) must be words of the page. Chromium's
 *   tagged PDFs put a paragraph's lines in one marked-content sequence with no space at a soft line break, so
 *   "of" + "perinatal" is read as "ofperinatal";
 * - untagged text: every piece of text is either inside tagged content or marked as an artifact (PDF/UA-1, ISO
 *   14289-1 7.1; Matterhorn 01-005). Page numbers are artifacts.
 */
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';
import { resolve, textOf } from './pdf-objects.ts';
import { streamBytes } from './stream-bytes.ts';
import { fontsIn, type FontReport } from './pdf-fonts.ts';
import { layoutText, markedText, pageTextRuns, type TextRun } from './page-text.ts';
import {
  contentOf,
  countElements,
  elementsWhere,
  figureAlts,
  readStructTree,
  type StructElement,
} from './struct-tree.ts';
import { pageWordsInTagOrder } from './page-words.ts';
import { wordsOf } from '../../report/words.ts';

export interface ReadBackExpectations {
  title: string;
  lang: string;
  /** Headings of the print document in order: the bookmarks must equal them. */
  headings: ReadonlyArray<{ level: number; text: string }>;
  /** No text run may be smaller (tolerance 0.1 pt). */
  minFontPt: number;
}

export interface ReadBackResult {
  pages: number;
  problems: string[];
  /** Smallest text size found, in points. */
  smallestPt: number;
  /** How many words the tag tree holds (for messages and the benchmark). */
  taggedWords: number;
  /** Each page's words as the tag tree reads them: where other editions find this PDF's pages (the EPUB's page list). */
  pageWords: string[][];
  /** Each Figure element's /Alt in tag order, for the parity check (so it need not load the PDF again). */
  figureAlts: string[];
}

/** A4 in points (ISO 216: 210 × 297 mm). */
const A4 = { width: 595.28, height: 841.89, tolerance: 1.5 };
const SIZE_TOLERANCE = 0.1;

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

function shorten(text: string): string {
  const clean = normalise(text);
  return clean.length > 50 ? `${clean.slice(0, 50)}…` : clean;
}

/** Bookmark titles in order, depth first. */
function outlineTitles(doc: PDFDocument): string[] {
  const titles: string[] = [];
  const walk = (first: PDFObject | undefined, depth: number): void => {
    let item = resolve(doc, first);
    for (let guard = 0; item instanceof PDFDict && guard < 10_000 && depth < 50; guard++) {
      titles.push(normalise(textOf(doc, item.get(PDFName.of('Title'))) ?? ''));
      walk(item.get(PDFName.of('First')), depth + 1);
      item = resolve(doc, item.get(PDFName.of('Next')));
    }
  };
  const outlines = resolve(doc, doc.catalog.get(PDFName.of('Outlines')));
  if (outlines instanceof PDFDict) walk(outlines.get(PDFName.of('First')), 0);
  return titles;
}

function xmp(doc: PDFDocument): string {
  const stream = resolve(doc, doc.catalog.get(PDFName.of('Metadata')));
  return stream instanceof PDFRawStream ? Buffer.from(streamBytes(stream)).toString('utf8') : '';
}

function xmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Reads back a finished PDF: its bytes, or a document pdf-lib already holds (the finishing step's). */
/**
 * Text that crosses from one table cell into the next on a page: a cell's text reaching past where the next cell's
 * text starts. The tags still read in order, but in print the words overlap or run across the column's border (a long
 * web address in a narrow column, say).
 */
function textOverCellEdges(rows: readonly StructElement[], pageNode: PDFDict, runs: readonly TextRun[]): string[] {
  const byMcid = new Map<number, TextRun[]>();
  for (const run of runs) if (run.mcid !== undefined) byMcid.set(run.mcid, [...(byMcid.get(run.mcid) ?? []), run]);
  const found: string[] = [];
  for (const row of rows) {
    const cells = row.children
      .filter((c) => c.role === 'TD' || c.role === 'TH')
      .map((cell) =>
        contentOf(cell)
          .filter((c) => c.page === pageNode)
          .flatMap((c) => byMcid.get(c.mcid) ?? []),
      );
    for (let i = 0; i + 1 < cells.length; i++) {
      const next = cells[i + 1]!;
      if (!cells[i]!.length || !next.length) continue;
      // Where the next column's text starts: no text of this cell may reach it, on any of its lines.
      const nextStart = Math.min(...next.map((r) => Math.min(r.x0, r.x1)));
      const over = cells[i]!.filter((r) => Math.max(r.x0, r.x1) > nextStart + 1);
      if (over.length) found.push(over.map((r) => r.text).join(''));
    }
  }
  return found;
}

export async function readBackPdf(
  pdf: Uint8Array | PDFDocument,
  expect: ReadBackExpectations,
  fonts?: FontReport,
): Promise<ReadBackResult> {
  const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false });
  const problems: string[] = [];
  const catalog = doc.catalog;
  const markInfo = resolve(doc, catalog.get(PDFName.of('MarkInfo')));
  if (!(markInfo instanceof PDFDict) || markInfo.get(PDFName.of('Marked')) !== PDFBool.True)
    problems.push('the PDF is not tagged (MarkInfo /Marked is not true): screen readers cannot follow its structure');
  const prefs = resolve(doc, catalog.get(PDFName.of('ViewerPreferences')));
  if (!(prefs instanceof PDFDict) || prefs.get(PDFName.of('DisplayDocTitle')) !== PDFBool.True)
    problems.push('viewers will show the file name, not the title (DisplayDocTitle is not set)');
  const title = doc.getTitle() ?? '';
  if (normalise(title) !== normalise(expect.title)) problems.push(`the title is "${title}", not "${expect.title}"`);
  const lang = textOf(doc, catalog.get(PDFName.of('Lang'))) ?? '';
  if (lang !== expect.lang) problems.push(`the language (/Lang) is "${lang}", not "${expect.lang}"`);
  const metadata = xmp(doc);
  const dcTitle = /<dc:title>[\s\S]*?<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(metadata)?.[1];
  if (dcTitle === undefined || normalise(xmlText(dcTitle)) !== normalise(expect.title))
    problems.push('the XMP metadata has no dc:title matching the title');
  if (!/<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/.test(metadata))
    problems.push('the XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part)');

  const outline = outlineTitles(doc);
  const wanted = expect.headings.map((h) => normalise(h.text));
  if (outline.join('\n') !== wanted.join('\n')) {
    const at = wanted.findIndex((h, i) => outline[i] !== h);
    problems.push(
      `the bookmarks do not match the headings: bookmark ${at + 1} is "${outline[at] ?? '(none)'}" where the heading is "${wanted[at] ?? '(none)'}"`,
    );
  }

  const tree = readStructTree(doc);
  if (tree.roots.length === 0) problems.push('the PDF has no structure tree: it is not really tagged');
  const bare = countElements(tree.roots, (e) => e.role === 'Figure' && !e.alt?.trim());
  if (bare > 0) problems.push(`${bare} ${bare === 1 ? 'figure has' : 'figures have'} no alt text in the tags`);
  const bodiless = countElements(tree.roots, (e) => e.role === 'LI' && !e.children.some((c) => c.role === 'LBody'));
  if (bodiless > 0)
    problems.push(`${bodiless} list ${bodiless === 1 ? 'item has' : 'items have'} no LBody in the tags`);

  const tableRows = elementsWhere(tree.roots, (e) => e.role === 'TR');
  let allText = '';
  let smallest = Infinity;
  let taggedWords = 0;
  const wordsByPage: string[][] = [];
  doc.getPages().forEach((page, index) => {
    const number = index + 1;
    const { width, height } = page.getSize();
    if (Math.abs(width - A4.width) > A4.tolerance || Math.abs(height - A4.height) > A4.tolerance) {
      problems.push(`page ${number} is ${width.toFixed(0)} × ${height.toFixed(0)} pt, not A4 portrait (595 × 842)`);
    }
    const runs = pageTextRuns(doc, page).filter((r) => r.text.trim());
    const text = layoutText(runs);
    allText += `${text} `;
    const tooSmall = runs.filter((r) => r.size < expect.minFontPt - SIZE_TOLERANCE);
    // One message a page, quoting the small text as it reads, is enough to find the rule that causes it.
    if (tooSmall.length > 0)
      problems.push(
        `page ${number}: text "${shorten(layoutText(tooSmall))}" is ${tooSmall[0]!.size.toFixed(1)} pt, below ${expect.minFontPt} pt`,
      );
    for (const r of runs) smallest = Math.min(smallest, r.size);
    // Text past the page's edge is cut off in print and on screen, though a screen reader would still read it.
    const offPage = runs.filter((r) => Math.max(r.x0, r.x1) > width + 1 || Math.min(r.x0, r.x1) < -1);
    if (offPage.length > 0)
      problems.push(`page ${number}: text "${shorten(layoutText(offPage))}" runs past the edge of the page`);
    const crossing = textOverCellEdges(tableRows, page.node, runs);
    if (crossing.length > 0)
      problems.push(
        `page ${number}: text in a table cell runs over the cell's edge into the next column ("${shorten(crossing[0]!)}")`,
      );
    const untagged = runs.filter((r) => !r.marked);
    if (untagged.length > 0) {
      problems.push(
        `page ${number}: ${untagged.length} text ${untagged.length === 1 ? 'run is' : 'runs are'} neither tagged nor marked as an artifact ("${shorten(layoutText(untagged))}")`,
      );
    }
    const marked = markedText(runs);
    const pageWords = new Set(wordsOf(text));
    // The same words, in tag order, are kept for other editions (the EPUB's page list).
    const tagged = pageWordsInTagOrder(tree, page, marked, pageWords);
    taggedWords += tagged.length;
    wordsByPage.push(tagged);
    const glued = [...new Set(tagged.filter((w) => !pageWords.has(w)))];
    if (glued.length > 0)
      problems.push(
        `page ${number}: ${glued.length} ${glued.length === 1 ? 'word' : 'words'} in the tags ${glued.length === 1 ? 'is' : 'are'} not on the page, so a screen reader reads words run together (${glued
          .slice(0, 3)
          .map((w) => `"${w}"`)
          .join(', ')})`,
      );
    const annots = resolve(doc, page.node.get(PDFName.of('Annots')));
    const silentLinks = (annots instanceof PDFArray ? annots.asArray() : [])
      .map((a) => resolve(doc, a))
      .filter(
        (a): a is PDFDict =>
          a instanceof PDFDict &&
          a.get(PDFName.of('Subtype')) === PDFName.of('Link') &&
          !textOf(doc, a.get(PDFName.of('Contents')))?.trim(),
      ).length;
    if (silentLinks > 0)
      problems.push(
        `page ${number}: ${silentLinks} ${silentLinks === 1 ? 'link has' : 'links have'} no /Contents description`,
      );
  });
  const flatText = allText.replace(/\s/g, '');
  for (const heading of expect.headings) {
    if (!flatText.includes(heading.text.replace(/\s/g, '')))
      problems.push(`the heading "${shorten(heading.text)}" cannot be extracted as text`);
  }
  problems.push(...(fonts ?? fontsIn(doc)).problems);
  return {
    pages: doc.getPageCount(),
    problems,
    smallestPt: Number.isFinite(smallest) ? Math.round(smallest * 10) / 10 : 0,
    taggedWords,
    pageWords: wordsByPage,
    figureAlts: figureAlts(tree),
  };
}
