/**
 * The pictures of a report's printed editions. A large-print edition uses the editor's large-print version of a
 * picture when there is one beside it ("chart.large-print.svg" for "chart.svg"). An SVG whose own text would print
 * below the edition's size gets a warning with the fix; a picture that cannot be decoded is an error at its line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageRef, ReportDocument } from '../../report/model.ts';
import { imagesIn, resolveImage } from '../../checks/images.ts';
import { error, warning, type Problem } from '../../report/problems.ts';
import { cachedPrintImage, UnreadableImageError, type PrintImage } from '../../engines/pdf/print-images.ts';
import { measureSvgText } from '../../engines/pdf/svg-text.ts';
import { TEXT_WIDTH_PT } from '../../engines/pdf/print-types.ts';
import { exists } from '../../build/exists.ts';

export interface ReportPictures {
  /** For every edition, by src in the Markdown. */
  standard: Map<string, PrintImage>;
  /** For large-print editions: the large-print version where there is one. */
  largePrint: Map<string, PrintImage>;
  problems: Problem[];
}

/** "charts/waiting.svg" → "charts/waiting.large-print.svg". */
export function largePrintVersionOf(relative: string): string {
  const ext = path.posix.extname(relative);
  return `${relative.slice(0, relative.length - ext.length)}.large-print${ext}`;
}

/** Warns when an SVG's smallest text prints below `sizePt` at the full text width. */
async function checkSvgText(
  doc: ReportDocument,
  image: ImageRef,
  file: string,
  sizePt: number,
  isLargePrintVersion: boolean,
): Promise<Problem[]> {
  if (!file.toLowerCase().endsWith('.svg')) return [];
  const measured = measureSvgText(await readFile(file, 'utf8'));
  if (measured.smallestFontSize === undefined) return [];
  const printedPt = (measured.smallestFontSize * TEXT_WIDTH_PT) / measured.width;
  if (printedPt >= sizePt - 0.1) return [];
  const needed = Math.ceil((sizePt * measured.width) / TEXT_WIDTH_PT);
  const name = path.basename(file);
  const fix = isLargePrintVersion
    ? `make the text in ${name} at least font-size ${needed} (it is drawn ${measured.width} units wide), or give the numbers in a table after the picture`
    : `add a large-print version beside it named ${path.basename(largePrintVersionOf(file))} with text of at least font-size ${needed} at ${measured.width} units wide, or give the numbers in a table after the picture`;
  return [
    warning(
      doc.file,
      image.line,
      `the text in picture ${name} ("${measured.sample}") prints at ${printedPt.toFixed(1)} pt, below the ${sizePt} point large print`,
      fix,
      'images',
    ),
  ];
}

export async function reportPictures(
  doc: ReportDocument,
  imageCacheDir: string,
  largePrintSizes: readonly number[],
): Promise<ReportPictures> {
  const pictures: ReportPictures = { standard: new Map(), largePrint: new Map(), problems: [] };
  const smallestLargePrint = Math.min(...largePrintSizes);
  for (const image of imagesIn(doc)) {
    const where = resolveImage(image.src);
    if ('refused' in where || image.decorative || pictures.standard.has(image.src)) continue;
    const file = path.join(doc.folder, where.relative);
    const largeFile = path.join(doc.folder, largePrintVersionOf(where.relative));
    const hasLarge = await exists(largeFile);
    try {
      const standard = await cachedPrintImage(file, imageCacheDir);
      pictures.standard.set(image.src, standard);
      pictures.largePrint.set(image.src, hasLarge ? await cachedPrintImage(largeFile, imageCacheDir) : standard);
    } catch (err) {
      if (!(err instanceof UnreadableImageError)) throw err;
      pictures.problems.push(
        error(
          doc.file,
          image.line,
          `picture ${where.relative} (or its large-print version) cannot be read for the PDFs: ${err.message}`,
          'open it in an image editor and save it again as PNG, JPEG or SVG',
          'images',
        ),
      );
      continue;
    }
    if (largePrintSizes.length > 0)
      pictures.problems.push(
        ...(await checkSvgText(doc, image, hasLarge ? largeFile : file, smallestLargePrint, hasLarge)),
      );
  }
  return pictures;
}
