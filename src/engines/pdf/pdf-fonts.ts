/**
 * The fonts inside a PDF, read with pdf-lib: only the print fonts may be there (anything else means a character fell
 * back to a font nobody chose), each embedded with a Unicode map (so its text can be read aloud and searched), none
 * italic. Text set in the deliberate fallback font is listed by character, so the build can say which ones.
 */
import { type PDFArray, PDFDict, type PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { resolve, dictOf } from './pdf-objects.ts';
import { streamBytes } from './stream-bytes.ts';
import { parseToUnicode } from './page-text.ts';
import { FALLBACK_FAMILY, PRINT_FONTS } from './print-fonts.ts';

export interface FontReport {
  problems: string[];
  /** Characters printed in the fallback font. */
  fallbackCharacters: string[];
}

/** Characters a font's ToUnicode map gives text for. */
function unicodeOf(doc: PDFDocument, font: PDFDict): string[] {
  const map = resolve(doc, font.get(PDFName.of('ToUnicode')));
  if (!(map instanceof PDFRawStream)) return [];
  const texts = parseToUnicode(Buffer.from(streamBytes(map)).toString('latin1')).values();
  return [...new Set([...texts].flatMap((text) => [...text]))].filter((c) => c.trim());
}

export function fontsIn(doc: PDFDocument): FontReport {
  const problems: string[] = [];
  const fallback = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('CIDFontType0') || subtype === PDFName.of('CIDFontType2')) continue; // seen through their Type0 parent
    const name = String(object.get(PDFName.of('BaseFont')) ?? '(unnamed)').replace(/^\//, '');
    const known = PRINT_FONTS.find((font) => name.replace(/^[A-Z]{6}\+/, '') === font.postscriptName);
    if (!known) {
      problems.push(`font ${name} is not one of the print fonts (a character the print fonts lack?)`);
      continue;
    }
    const descendant = dictOf(
      doc,
      (resolve(doc, object.get(PDFName.of('DescendantFonts'))) as PDFArray | undefined)?.get(0),
    );
    const descriptor = dictOf(doc, (descendant ?? object).get(PDFName.of('FontDescriptor')));
    if (!descriptor || !['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(PDFName.of(key))))
      problems.push(`font ${name} is not embedded`);
    if (/italic|oblique/i.test(name)) problems.push(`font ${name} is italic: large print uses bold for emphasis`);
    if (!object.has(PDFName.of('ToUnicode')))
      problems.push(`font ${name} has no Unicode map, so its text cannot be read aloud or searched`);
    if (known.family === FALLBACK_FAMILY) for (const char of unicodeOf(doc, object)) fallback.add(char);
  }
  return { problems, fallbackCharacters: [...fallback].sort() };
}
