/**
 * After Chromium prints, add what its tagged PDF leaves out (../shared/FORMATS.md), with pdf-lib:
 * - XMP metadata (dc:title, dc:language, dc:creator, dates, pdfuaid:part) and Info dates from the front matter;
 * - /Contents on link annotations (what a screen reader announces for a link);
 * - alt text on the outer Figure that a <figure> becomes (Chromium puts it only on the inner image's Figure);
 * - an LBody in every list item (PDF/UA: LI holds Lbl and LBody; Chromium puts the item's content straight in LI);
 * - bookmark titles with the spaces Chromium drops where a heading wraps;
 * - a document /ID made from the content, so the same input gives the same bytes (caching and diffs work).
 */
import { createHash } from 'node:crypto';
import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject,
} from 'pdf-lib';

export interface FixupInput {
  title: string;
  lang: string;
  publisher: string;
  /** YYYY-MM-DD */
  published: string;
  /** YYYY-MM-DD */
  modified: string;
  /** Heading texts in document order, as they should read in the bookmarks. */
  headings: readonly string[];
  /** Link text by href, for /Contents. */
  linkTexts: ReadonlyMap<string, string>;
}

/** Bumped when the fix-ups change, so cached PDFs are made again. */
export const FIXUP_VERSION = 4;

const squash = (text: string): string => text.replace(/\s+/g, '');

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function xmpPacket(input: FixupInput): string {
  const created = `${input.published}T00:00:00Z`;
  const modified = `${input.modified}T00:00:00Z`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(input.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>${xmlEscape(input.lang)}</rdf:li></rdf:Bag></dc:language>
   <dc:creator><rdf:Seq><rdf:li>${xmlEscape(input.publisher)}</rdf:li></rdf:Seq></dc:creator>
   <dc:format>application/pdf</dc:format>
   <xmp:CreateDate>${created}</xmp:CreateDate>
   <xmp:ModifyDate>${modified}</xmp:ModifyDate>
   <xmp:MetadataDate>${modified}</xmp:MetadataDate>
   <pdf:Producer>Chromium (Skia/PDF), fixed up by accessible-report-pipeline</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

function lookupDict(doc: PDFDocument, value: PDFObject | undefined): PDFDict | undefined {
  const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
  return resolved instanceof PDFDict ? resolved : undefined;
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

function addLinkContents(doc: PDFDocument, linkTexts: ReadonlyMap<string, string>): void {
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = lookupDict(doc, annots.get(i));
      if (!annot || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link') || annot.has(PDFName.of('Contents'))) continue;
      const action = lookupDict(doc, annot.get(PDFName.of('A')));
      const uri = textOf(action?.get(PDFName.of('URI')));
      const text = uri ? `Link: ${linkTexts.get(uri) ?? uri}` : 'Link to another part of this document';
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(text));
    }
  }
}

/** Gives each Figure without /Alt the /Alt of a Figure inside it (the <img> inside a <figure>). */
function addFigureAlt(doc: PDFDocument): number {
  let fixed = 0;
  const kidsOf = (element: PDFDict): PDFDict[] => {
    const k = element.get(PDFName.of('K'));
    const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    return list.map((item) => lookupDict(doc, item)).filter((d): d is PDFDict => d !== undefined && d.has(PDFName.of('S')));
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('S')) !== PDFName.of('Figure') || object.has(PDFName.of('Alt'))) continue;
    const inner = kidsOf(object).find((kid) => kid.get(PDFName.of('S')) === PDFName.of('Figure') && kid.has(PDFName.of('Alt')));
    if (inner) {
      object.set(PDFName.of('Alt'), inner.get(PDFName.of('Alt'))!);
      fixed++;
    }
  }
  return fixed;
}

/**
 * Wraps each list item's content (everything but its Lbl) in an LBody element. Only items whose children are all
 * structure elements are changed: their marked content stays pointed at by the same elements, so the ParentTree needs
 * no change.
 */
function addListBodies(doc: PDFDocument): number {
  let wrapped = 0;
  const items = [...doc.context.enumerateIndirectObjects()].filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('S')) === PDFName.of('LI'));
  for (const [itemRef, object] of items) {
    const item = object as PDFDict;
    const k = item.get(PDFName.of('K'));
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    if (kids.length === 0 || !kids.every((kid) => kid instanceof PDFRef && lookupDict(doc, kid)?.has(PDFName.of('S')))) continue;
    const role = (kid: PDFObject): PDFObject | undefined => lookupDict(doc, kid)?.get(PDFName.of('S'));
    if (kids.some((kid) => role(kid) === PDFName.of('LBody'))) continue;
    const labels = kids.filter((kid) => role(kid) === PDFName.of('Lbl'));
    const content = kids.filter((kid) => role(kid) !== PDFName.of('Lbl'));
    if (content.length === 0) continue;
    const body = doc.context.obj({ Type: 'StructElem', S: 'LBody', P: itemRef, K: content });
    const bodyRef = doc.context.register(body);
    for (const kid of content) lookupDict(doc, kid)!.set(PDFName.of('P'), bodyRef);
    item.set(PDFName.of('K'), doc.context.obj([...labels, bodyRef]));
    wrapped++;
  }
  return wrapped;
}

/** Walks the bookmarks in order and restores each title's spaces from the heading it stands for. */
function repairOutline(doc: PDFDocument, headings: readonly string[]): void {
  const outlines = lookupDict(doc, doc.catalog.get(PDFName.of('Outlines')));
  if (!outlines) return;
  const bySquashed = new Map(headings.map((h) => [squash(h), h]));
  const visit = (item: PDFDict | undefined): void => {
    for (let node = item; node; node = lookupDict(doc, node.get(PDFName.of('Next')))) {
      const title = textOf(node.get(PDFName.of('Title')));
      const heading = title === undefined ? undefined : bySquashed.get(squash(title));
      if (heading !== undefined && heading !== title) node.set(PDFName.of('Title'), PDFHexString.fromText(heading));
      visit(lookupDict(doc, node.get(PDFName.of('First'))));
    }
  };
  visit(lookupDict(doc, outlines.get(PDFName.of('First'))));
}

function pdfDate(isoDay: string): PDFString {
  return PDFString.of(`D:${isoDay.replace(/-/g, '')}000000Z`);
}

export async function fixUpPdf(bytes: Uint8Array, input: FixupInput): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  // XMP is UTF-8: pass bytes (a JS string would be written one byte per character).
  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(input)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(input.lang));
  const info = lookupDict(doc, doc.context.trailerInfo.Info as PDFObject | undefined);
  if (info) {
    info.set(PDFName.of('Title'), PDFHexString.fromText(input.title));
    info.set(PDFName.of('Author'), PDFHexString.fromText(input.publisher));
    info.set(PDFName.of('Creator'), PDFString.of('accessible-report-pipeline'));
    info.set(PDFName.of('Producer'), PDFString.of('Chromium (Skia/PDF)'));
    info.set(PDFName.of('CreationDate'), pdfDate(input.published));
    info.set(PDFName.of('ModDate'), pdfDate(input.modified));
  }
  addLinkContents(doc, input.linkTexts);
  addFigureAlt(doc);
  addListBodies(doc);
  repairOutline(doc, input.headings);
  // A content-derived /ID. Chromium's output repeats byte for byte except its clock-time Info dates (replaced above),
  // so those are blanked before hashing it with our input.
  const timeless = Buffer.from(bytes).toString('latin1').replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '/$1 ()');
  const digest = createHash('sha256').update(timeless, 'latin1').update(JSON.stringify({ ...input, linkTexts: [...input.linkTexts], FIXUP_VERSION })).digest('hex');
  const id = PDFHexString.of(digest.slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

