/**
 * Read-back checks: open a printed PDF and prove what the CSS only promised (../shared/FORMATS.md). pdf.js reads the
 * tagging, metadata, bookmarks, page sizes and every text run's size; pdf-lib reads the font dictionaries.
 * Each failure names the PDF, the page and the offending text.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDict, PDFDocument, PDFName, PDFArray, PDFRef, type PDFObject } from 'pdf-lib';

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
}

/** A4 in points (ISO 216: 210 × 297 mm); Chromium writes 594.96 × 841.92. */
const A4 = { width: 595.28, height: 841.89, tolerance: 1.5 };
const SIZE_TOLERANCE = 0.1;

interface OutlineNode { title: string; items?: OutlineNode[] }
interface StructNode { role?: string; alt?: string; children?: StructNode[] }

/** List items in a page's structure tree with no LBody (PDF/UA wants Lbl and LBody inside LI). */
function itemsWithoutBody(node: StructNode | null | undefined): number {
  if (!node) return 0;
  const own = node.role === 'LI' && !(node.children ?? []).some((c) => c.role === 'LBody') ? 1 : 0;
  return own + (node.children ?? []).reduce((sum, child) => sum + itemsWithoutBody(child), 0);
}

/** Figures in a page's structure tree that a screen reader would announce with nothing to say. */
function figuresWithoutAlt(node: StructNode | null | undefined): number {
  if (!node) return 0;
  const own = node.role === 'Figure' && !node.alt?.trim() ? 1 : 0;
  return own + (node.children ?? []).reduce((sum, child) => sum + figuresWithoutAlt(child), 0);
}
interface TextItem { str: string; transform: number[] }

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

function flattenOutline(items: readonly OutlineNode[] | null): string[] {
  return (items ?? []).flatMap((item) => [normalise(item.title), ...flattenOutline(item.items ?? [])]);
}

function shorten(text: string): string {
  const clean = normalise(text);
  return clean.length > 50 ? `${clean.slice(0, 50)}…` : clean;
}

/** Fonts must be embedded and carry a Unicode map (so text can be read and searched); none may be italic. */
function checkFonts(doc: PDFDocument): string[] {
  const problems: string[] = [];
  const lookup = (value: PDFObject | undefined): PDFObject | undefined => (value instanceof PDFRef ? doc.context.lookup(value) : value);
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('CIDFontType0') || subtype === PDFName.of('CIDFontType2')) continue; // checked through their Type0 parent
    const name = String(object.get(PDFName.of('BaseFont')) ?? '(unnamed)').replace(/^\//, '');
    let descriptorHolder: PDFObject | undefined = object;
    if (subtype === PDFName.of('Type0')) {
      const descendants = lookup(object.get(PDFName.of('DescendantFonts')));
      descriptorHolder = descendants instanceof PDFArray ? lookup(descendants.get(0)) : undefined;
    }
    const descriptor = descriptorHolder instanceof PDFDict ? lookup(descriptorHolder.get(PDFName.of('FontDescriptor'))) : undefined;
    const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(PDFName.of(key)));
    if (subtype !== PDFName.of('Type3') && !embedded) problems.push(`font ${name} is not embedded`);
    if (!object.has(PDFName.of('ToUnicode'))) problems.push(`font ${name} has no Unicode map, so its text cannot be read aloud or searched`);
    if (/italic|oblique/i.test(name)) problems.push(`font ${name} is italic: large print uses bold for emphasis`);
  }
  return problems;
}

export async function readBackPdf(bytes: Uint8Array, expect: ReadBackExpectations): Promise<ReadBackResult> {
  const problems: string[] = [];
  // pdf.js takes ownership of (and detaches) the buffer it is given: give it a copy.
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, disableFontFace: true, isEvalSupported: false }).promise;
  try {
    const mark = await pdf.getMarkInfo();
    if (!mark?.Marked) problems.push('the PDF is not tagged (MarkInfo /Marked is not true): screen readers cannot follow its structure');
    const prefs = (await pdf.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null;
    if (!prefs?.DisplayDocTitle) problems.push('viewers will show the file name, not the title (DisplayDocTitle is not set)');
    const { info, metadata } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown>; metadata: { get(name: string): string | null } | null };
    if (normalise(String(info.Title ?? '')) !== normalise(expect.title)) problems.push(`the title is "${String(info.Title ?? '')}", not "${expect.title}"`);
    if (info.Language !== expect.lang) problems.push(`the language (/Lang) is "${String(info.Language ?? '')}", not "${expect.lang}"`);
    if (!metadata || normalise(metadata.get('dc:title') ?? '') !== normalise(expect.title)) problems.push('the XMP metadata has no dc:title matching the title');

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
      const content = await page.getTextContent();
      let pageText = '';
      let reported = false;
      for (const item of content.items as TextItem[]) {
        if (!('str' in item)) continue;
        pageText += `${item.str} `;
        if (!item.str.trim()) continue;
        const size = Math.hypot(item.transform[2]!, item.transform[3]!);
        smallest = Math.min(smallest, size);
        if (size < expect.minFontPt - SIZE_TOLERANCE && !reported) {
          problems.push(`page ${number}: text "${shorten(item.str)}" is ${size.toFixed(1)} pt, below ${expect.minFontPt} pt`);
          reported = true; // one per page is enough to find the rule that causes it
        }
      }
      allText += pageText;
      const tree = (await page.getStructTree()) as StructNode | null;
      if (tree && tree.children?.length) hasStructure = true;
      const bare = figuresWithoutAlt(tree);
      if (bare > 0) problems.push(`page ${number}: ${bare} ${bare === 1 ? 'figure has' : 'figures have'} no alt text in the tags`);
      const bodiless = itemsWithoutBody(tree);
      if (bodiless > 0) problems.push(`page ${number}: ${bodiless} list ${bodiless === 1 ? 'item has' : 'items have'} no LBody in the tags`);
      const annotations = (await page.getAnnotations()) as Array<{ subtype: string; contentsObj?: { str?: string } }>;
      const silentLinks = annotations.filter((a) => a.subtype === 'Link' && !a.contentsObj?.str?.trim()).length;
      if (silentLinks > 0) problems.push(`page ${number}: ${silentLinks} ${silentLinks === 1 ? 'link has' : 'links have'} no /Contents description`);
      page.cleanup();
    }
    if (!hasStructure) problems.push('the PDF has no structure tree: it is not really tagged');
    const flatText = normalise(allText).replace(/\s/g, '');
    for (const heading of expect.headings) {
      if (!flatText.includes(heading.text.replace(/\s/g, ''))) problems.push(`the heading "${shorten(heading.text)}" cannot be extracted as text`);
    }
    problems.push(...checkFonts(await PDFDocument.load(bytes, { updateMetadata: false })));
    return { pages: pdf.numPages, problems, smallestPt: Number.isFinite(smallest) ? Math.round(smallest * 10) / 10 : 0 };
  } finally {
    await pdf.destroy();
  }
}
