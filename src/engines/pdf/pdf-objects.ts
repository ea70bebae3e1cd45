/** Reading pdf-lib's objects without ceremony: follow references, and take a value as the type a key should hold. */
import {
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

export function resolve(doc: PDFDocument, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? doc.context.lookup(value) : value;
}

/** A dictionary, or a stream's dictionary. */
export function dictOf(doc: PDFDocument, value: PDFObject | undefined): PDFDict | undefined {
  const resolved = resolve(doc, value);
  return resolved instanceof PDFDict ? resolved : resolved instanceof PDFRawStream ? resolved.dict : undefined;
}

export function numberOf(doc: PDFDocument, value: PDFObject | undefined): number | undefined {
  const resolved = resolve(doc, value);
  return resolved instanceof PDFNumber ? resolved.asNumber() : undefined;
}

export function textOf(doc: PDFDocument, value: PDFObject | undefined): string | undefined {
  const resolved = resolve(doc, value);
  return resolved instanceof PDFString || resolved instanceof PDFHexString ? resolved.decodeText() : undefined;
}
