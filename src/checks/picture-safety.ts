/**
 * Content check: every SVG picture a report uses (in the report, its large-print versions and its easy read) is
 * cleaned before it is published (engines/images/safe-pictures.ts), and the editor is told, at the picture's line,
 * what was taken out and how to export the picture so nothing is; a picture that cannot be published at all stops
 * the build. The check and every edition share one cleaning per picture, cached by its bytes.
 */
import path from 'node:path';
import type { ParsedReport } from '../report/parse-report.ts';
import type { ImageRef } from '../report/model.ts';
import { error, warning, type Problem } from '../report/problems.ts';
import { imagesIn, resolveImage } from './images.ts';
import { isSvg, safePicture } from '../engines/images/safe-pictures.ts';
import { largePrintVersionOf } from '../formats/print/print-images.ts';
import { isPictogram } from '../formats/easy-read/pictograms.ts';

async function checkPicture(
  source: string,
  image: ImageRef,
  relative: string,
  folder: string,
  cacheDir: string,
): Promise<Problem[]> {
  const name = path.basename(relative);
  const safe = await safePicture(path.join(folder, relative), cacheDir);
  if ('refused' in safe)
    return [
      error(
        source,
        image.line,
        `picture ${name} cannot be published: ${safe.refused}${safe.removed.length ? ` (it had ${safe.removed.join('; ')})` : ''}`,
        'export the picture again as a plain SVG (no scripts, links or interactivity) or as a PNG, and replace the file',
        'images',
      ),
    ];
  if (safe.removed.length === 0) return [];
  return [
    warning(
      source,
      image.line,
      `picture ${name} had parts that could run code or load things from other websites, taken out of the published copy: ${safe.removed.join('; ')}`,
      'export the chart again without interactivity, links or embedded pictures (a plain or "static" SVG), or as a PNG; your own file is not changed',
      'images',
    ),
  ];
}

/** `files`: the report folder's files (relative, with "/"), as the other checks get them. */
export async function checkPictureSafety(
  report: ParsedReport,
  files: ReadonlySet<string>,
  cacheDir: string,
): Promise<Problem[]> {
  const doc = report.document;
  const jobs: Array<Promise<Problem[]>> = [];
  const seen = new Set<string>();
  const visit = (source: string, image: ImageRef, relatives: string[]): void => {
    for (const relative of relatives) {
      if (!isSvg(relative) || !files.has(relative) || seen.has(`${source}|${relative}`)) continue;
      seen.add(`${source}|${relative}`);
      jobs.push(checkPicture(source, image, relative, doc.folder, cacheDir));
    }
  };
  for (const image of imagesIn(doc)) {
    const where = resolveImage(image.src);
    if (!('refused' in where)) visit(doc.file, image, [where.relative, largePrintVersionOf(where.relative)]);
  }
  const easy = report.easyRead?.document;
  for (const point of easy?.sections.flatMap((s) => s.points) ?? []) {
    if (!point.picture || isPictogram(point.picture.src)) continue;
    const where = resolveImage(point.picture.src);
    if (!('refused' in where)) visit(easy!.file, point.picture, [where.relative]);
  }
  return (await Promise.all(jobs)).flat();
}
