/**
 * Read-back checks: open a finished PDF and prove what the template only promised (../shared/FORMATS.md), as a
 * screen reader or a reflowing viewer would meet it. pdf.js reads the tagging, metadata, bookmarks, page sizes, every
 * text run's size and the marked content behind the tag tree; pdf-lib reads the fonts (pdf-fonts.ts).
 * Each failure names the page and the offending text.
 *
 * Two checks exist because a PDF can look right and read wrong:
 * - glued words: the words in the tag tree (what assistive technology reads) must be words of the page. Chromium's
 *   tagged PDFs put a paragraph's lines in one marked-content sequence with no space at a soft line break, so
 *   "of" + "perinatal" is read as "ofperinatal";
 * - untagged text: every piece of text is either inside tagged content or marked as an artifact (PDF/UA-1, ISO
 *   14289-1 7.1; Matterhorn 01-005). Page numbers are artifacts.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fontsOf, type FontReport } from './pdf-fonts.ts';

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
}

/** A4 in points (ISO 216: 210 × 297 mm). */
const A4 = { width: 595.28, height: 841.89, tolerance: 1.5 };
const SIZE_TOLERANCE = 0.1;

interface OutlineNode { title: string; items?: OutlineNode[] }
interface StructNode { role?: string; alt?: string; type?: string; id?: string; children?: StructNode[] }
interface TextItem { str: string; transform: number[]; hasEOL?: boolean }
interface MarkedItem { type: 'beginMarkedContent' | 'beginMarkedContentProps' | 'endMarkedContent'; id?: string; tag?: string }

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** Words as the independent check (poppler's output, lower-cased) sees them. */
const wordsOf = (text: string): string[] => text.toLowerCase().replace(/’/g, "'").match(/[\p{L}\p{N}']+/gu) ?? [];

function flattenOutline(items: readonly OutlineNode[] | null): string[] {
  return (items ?? []).flatMap((item) => [normalise(item.title), ...flattenOutline(item.items ?? [])]);
}

function shorten(text: string): string {
  const clean = normalise(text);
  return clean.length > 50 ? `${clean.slice(0, 50)}…` : clean;
}

function count(node: StructNode | null | undefined, test: (node: StructNode) => boolean): number {
  if (!node) return 0;
  return (test(node) ? 1 : 0) + (node.children ?? []).reduce((sum, child) => sum + count(child, test), 0);
}

/** Marked-content ids in the order the tag tree reads them. */
function contentIds(node: StructNode | null | undefined, into: string[] = []): string[] {
  if (!node) return into;
  if (node.type === 'content' && node.id) into.push(node.id);
  for (const child of node.children ?? []) contentIds(child, into);
  return into;
}

interface PageText {
  /** Text as laid out: a space wherever a line ends. */
  page: string;
  /** Text of each marked-content sequence, as a tag tree hands it to a screen reader (no space added at line ends). */
  marked: Map<string, string>;
  /** Text outside any marked content. */
  untagged: string[];
  sizes: Array<{ str: string; size: number }>;
}

function readPageText(items: ReadonlyArray<TextItem | MarkedItem>): PageText {
  const result: PageText = { page: '', marked: new Map(), untagged: [], sizes: [] };
  const open: Array<string | undefined> = [];
  for (const item of items) {
    if ('type' in item) {
      if (item.type === 'endMarkedContent') open.pop();
      else open.push(item.type === 'beginMarkedContentProps' ? item.id : undefined);
      continue;
    }
    result.page += item.str + (item.hasEOL ? ' ' : '');
    if (!item.str.trim()) continue;
    result.sizes.push({ str: item.str, size: Math.hypot(item.transform[2]!, item.transform[3]!) });
    const id = [...open].reverse().find((i) => i !== undefined);
    if (open.length === 0) result.untagged.push(item.str);
    else if (id) result.marked.set(id, (result.marked.get(id) ?? '') + item.str);
  }
  return result;
}

export async function readBackPdf(bytes: Uint8Array, expect: ReadBackExpectations, fonts?: FontReport): Promise<ReadBackResult> {
  const problems: string[] = [];
  // pdf.js takes ownership of (and detaches) the buffer it is given: give it a copy.
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, disableFontFace: true, isEvalSupported: false, useSystemFonts: false }).promise;
  let taggedWords = 0;
  try {
    const mark = await pdf.getMarkInfo();
    if (!mark?.Marked) problems.push('the PDF is not tagged (MarkInfo /Marked is not true): screen readers cannot follow its structure');
    const prefs = (await pdf.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null;
    if (!prefs?.DisplayDocTitle) problems.push('viewers will show the file name, not the title (DisplayDocTitle is not set)');
    const { info, metadata } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown>; metadata: { get(name: string): string | null } | null };
    if (normalise(String(info.Title ?? '')) !== normalise(expect.title)) problems.push(`the title is "${String(info.Title ?? '')}", not "${expect.title}"`);
    if (info.Language !== expect.lang) problems.push(`the language (/Lang) is "${String(info.Language ?? '')}", not "${expect.lang}"`);
    if (!metadata || normalise(metadata.get('dc:title') ?? '') !== normalise(expect.title)) problems.push('the XMP metadata has no dc:title matching the title');
    if (metadata?.get('pdfuaid:part') !== '1') problems.push('the XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part)');

    const outline = flattenOutline((await pdf.getOutline()) as OutlineNode[] | null);
    const wanted = expect.headings.map((h) => normalise(h.text));
    if (outline.join('\n') !== wanted.join('\n')) {
      const at = wanted.findIndex((h, i) => outline[i] !== h);
      problems.push(`the bookmarks do not match the headings: bookmark ${at + 1} is "${outline[at] ?? '(none)'}" where the heading is "${wanted[at] ?? '(none)'}"`);
    }

    let allText = '';
    let smallest = Infinity;
    let hasStructure = false;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const [, , width, height] = page.view as [number, number, number, number];
      if (Math.abs(width - A4.width) > A4.tolerance || Math.abs(height - A4.height) > A4.tolerance) {
        problems.push(`page ${number} is ${width.toFixed(0)} × ${height.toFixed(0)} pt, not A4 portrait (595 × 842)`);
      }
      const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
      const text = readPageText(content.items as Array<TextItem | MarkedItem>);
      allText += text.page;
      const tooSmall = text.sizes.find((s) => s.size < expect.minFontPt - SIZE_TOLERANCE);
      // One per page is enough to find the rule that causes it.
      if (tooSmall) problems.push(`page ${number}: text "${shorten(tooSmall.str)}" is ${tooSmall.size.toFixed(1)} pt, below ${expect.minFontPt} pt`);
      for (const s of text.sizes) smallest = Math.min(smallest, s.size);
      if (text.untagged.length > 0) {
        problems.push(`page ${number}: ${text.untagged.length} text ${text.untagged.length === 1 ? 'run is' : 'runs are'} neither tagged nor marked as an artifact (first: "${shorten(text.untagged[0]!)}")`);
      }

      const tree = (await page.getStructTree()) as StructNode | null;
      if (tree?.children?.length) hasStructure = true;
      const pageWords = new Set(wordsOf(text.page));
      const tagged = contentIds(tree).flatMap((id) => wordsOf(text.marked.get(id) ?? ''));
      taggedWords += tagged.length;
      const glued = [...new Set(tagged.filter((w) => !pageWords.has(w)))];
      if (glued.length > 0) problems.push(`page ${number}: ${glued.length} ${glued.length === 1 ? 'word' : 'words'} in the tags ${glued.length === 1 ? 'is' : 'are'} not on the page, so a screen reader reads words run together (${glued.slice(0, 3).map((w) => `"${w}"`).join(', ')})`);
      const bare = count(tree, (n) => n.role === 'Figure' && !n.alt?.trim());
      if (bare > 0) problems.push(`page ${number}: ${bare} ${bare === 1 ? 'figure has' : 'figures have'} no alt text in the tags`);
      const bodiless = count(tree, (n) => n.role === 'LI' && !(n.children ?? []).some((c) => c.role === 'LBody'));
      if (bodiless > 0) problems.push(`page ${number}: ${bodiless} list ${bodiless === 1 ? 'item has' : 'items have'} no LBody in the tags`);
      const annotations = (await page.getAnnotations()) as Array<{ subtype: string; contentsObj?: { str?: string } }>;
      const silentLinks = annotations.filter((a) => a.subtype === 'Link' && !a.contentsObj?.str?.trim()).length;
      if (silentLinks > 0) problems.push(`page ${number}: ${silentLinks} ${silentLinks === 1 ? 'link has' : 'links have'} no /Contents description`);
      page.cleanup();
    }
    if (!hasStructure) problems.push('the PDF has no structure tree: it is not really tagged');
    const flatText = allText.replace(/\s/g, '');
    for (const heading of expect.headings) {
      if (!flatText.includes(heading.text.replace(/\s/g, ''))) problems.push(`the heading "${shorten(heading.text)}" cannot be extracted as text`);
    }
    problems.push(...(fonts ?? (await fontsOf(bytes))).problems);
    return { pages: pdf.numPages, problems, smallestPt: Number.isFinite(smallest) ? Math.round(smallest * 10) / 10 : 0, taggedWords };
  } finally {
    await pdf.destroy();
  }
}
