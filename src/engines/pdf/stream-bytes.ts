/**
 * The decoded bytes of a PDF stream. Flate (what Typst and Chromium write) goes through Node's native zlib, several
 * times faster than pdf-lib's JavaScript inflater; any other filter falls back to pdf-lib.
 */
import { inflateSync } from 'node:zlib';
import { PDFName, type PDFRawStream, decodePDFRawStream } from 'pdf-lib';

export function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (filter === undefined) return stream.contents;
  if (filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms')))
    return inflateSync(stream.contents);
  return decodePDFRawStream(stream).decode();
}
