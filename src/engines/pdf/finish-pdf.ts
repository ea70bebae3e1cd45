/**
 * The small post-step after Typst, for what its PDF/UA-1 output leaves out (../shared/FORMATS.md), with pdf-lib:
 * - row headers: the first cell of each body row becomes TH with /Scope /Row (Typst can mark them only behind a
 *   feature flag the Node binding cannot set); headings lose a title that only repeats their text;
 * - /Contents of each link annotation is the link's text, as the reader sees it (Typst writes the address);
 * - the modification date is the report's "updated" date (Typst writes the creation date twice);
 * - the file is saved with object streams, about halving it (Typst writes none).
 * It also reports the fonts in the file: only the print fonts may be there, and text in the fallback font is listed
 * by character, so the build can say which characters the main font lacked.
 */
import {
  PDFArray,
  type PDFDict,
  type PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  PDFHexString,
} from 'pdf-lib';
import { resolve, dictOf } from './pdf-objects.ts';
import { streamBytes } from './stream-bytes.ts';
import { fontsIn, type FontReport } from './pdf-fonts.ts';

export interface FinishInput {
  /** YYYY-MM-DD: the PDF's modification date. */
  modified: string;
  /** [address, link text] pairs. */
  linkTexts: ReadonlyArray<readonly [string, string]>;
}

// Bump FINISH_VERSION in pipeline-identity.ts when this step changes, so cached PDFs are made again.

function kids(doc: PDFDocument, element: PDFDict): PDFDict[] {
  const k = resolve(doc, element.get(PDFName.of('K')));
  const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  return list.map((item) => dictOf(doc, item)).filter((d): d is PDFDict => d !== undefined && d.has(PDFName.of('S')));
}

const role = (element: PDFDict): string => String(element.get(PDFName.of('S'))).replace(/^\//, '');

/**
 * TD → TH /Scope /Row for the first cell of every row outside the table's head. Also drops the /T (title) Typst gives
 * each heading element: it only repeats the heading's own text, and poppler prints a non-ASCII title as raw UTF-16
 * (NUL bytes and all), which garbles the `pdfinfo -struct-text` dump an auditor reads.
 */
function tidyStructure(doc: PDFDocument): void {
  const root = dictOf(doc, doc.catalog.get(PDFName.of('StructTreeRoot')));
  if (!root) return;
  const visit = (element: PDFDict, inHead: boolean): void => {
    const kind = role(element);
    if (/^H[1-6]$/.test(kind)) element.delete(PDFName.of('T'));
    if (kind === 'TR' && !inHead) {
      const first = kids(doc, element)[0];
      if (first && role(first) === 'TD') {
        first.set(PDFName.of('S'), PDFName.of('TH'));
        const attributes = doc.context.obj({ O: 'Table', Scope: 'Row' });
        first.set(PDFName.of('A'), attributes);
      }
      return;
    }
    for (const child of kids(doc, element)) visit(child, inHead || kind === 'THead');
  };
  visit(root, false);
}

function linkContents(doc: PDFDocument, texts: ReadonlyMap<string, string>): void {
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    for (let i = 0; annots && i < annots.size(); i++) {
      const annot = dictOf(doc, annots.get(i));
      if (!annot || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const uri = dictOf(doc, annot.get(PDFName.of('A')))?.get(PDFName.of('URI'));
      const href = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined;
      const text = href ? texts.get(href) : undefined;
      if (text) annot.set(PDFName.of('Contents'), PDFHexString.fromText(text));
    }
  }
}

/** Rewrites the XMP metadata stream, when the file has one. */
function editXmp(doc: PDFDocument, edit: (xml: string) => string): void {
  const reference = doc.catalog.get(PDFName.of('Metadata'));
  const metadata = resolve(doc, reference);
  if (!(reference instanceof PDFRef) || !(metadata instanceof PDFRawStream)) return;
  const updated = edit(Buffer.from(streamBytes(metadata)).toString('utf8'));
  doc.context.assign(
    reference,
    doc.context.stream(new Uint8Array(Buffer.from(updated, 'utf8')), { Type: 'Metadata', Subtype: 'XML' }),
  );
}

function setModified(doc: PDFDocument, modified: string): void {
  const [year, month, day] = modified.split('-').map(Number) as [number, number, number];
  doc.setModificationDate(new Date(Date.UTC(year, month - 1, day)));
  editXmp(doc, (xml) =>
    xml.replace(/<xmp:ModifyDate>[^<]*<\/xmp:ModifyDate>/, `<xmp:ModifyDate>${modified}T00:00:00Z</xmp:ModifyDate>`),
  );
}

/**
 * Takes the PDF/UA-1 identifier out of the XMP metadata (element or attribute form): Typst writes it on every file,
 * but a file that failed one of our checks must not claim the standard — only a checked file may.
 */
export function withdrawPdfUaClaim(doc: PDFDocument): void {
  editXmp(doc, (xml) =>
    xml.replace(/<pdfuaid:part>[^<]*<\/pdfuaid:part>/g, '').replace(/\s*pdfuaid:part="[^"]*"/g, ''),
  );
}

/** Finishes a document pdf-lib holds, and reports its fonts. */
export function finishDocument(doc: PDFDocument, input: FinishInput): FontReport {
  tidyStructure(doc);
  linkContents(doc, new Map(input.linkTexts));
  setModified(doc, input.modified);
  return fontsIn(doc);
}

/** Writes the document, with object streams. pdf-lib adds no date or producer of its own (loaded with updateMetadata off). */
export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}
