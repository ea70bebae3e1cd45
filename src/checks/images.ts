/**
 * Content check: every image is described (or explicitly decorative) and is a file in the report's own folder.
 */
import path from 'node:path';
import { error, warning, type Problem } from '../report/problems.ts';
import type { ImageRef, ReportDocument } from '../report/model.ts';
import { walkBlocks, walkInlines } from '../report/build-document.ts';
import { closestWord } from '../report/validators.ts';

const FILE_NAME_ALT = /^[\w ().-]+\.(jpe?g|png|gif|webp|avif|svg|tiff?)$/i;
const REDUNDANT_START = /^(an? )?(image|picture|photo|photograph|graphic) (of|showing) /i;

export function imagesIn(doc: ReportDocument): ImageRef[] {
  const images: ImageRef[] = [];
  walkBlocks(doc, (block) => void (block.type === 'figure' && images.push(block.image)));
  walkInlines(doc, (node) => void (node.type === 'image' && images.push(node.image)));
  return images;
}

/** Where an image's file is, relative to the report folder, or why it cannot be used. */
export function resolveImage(src: string): { relative: string } | { refused: 'remote' | 'outside' } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return { refused: 'remote' };
  const decoded = (() => {
    try {
      return decodeURI(src);
    } catch {
      return src;
    }
  })();
  const relative = path.posix.normalize(decoded.replace(/^\.\//, ''));
  if (relative.startsWith('../') || relative === '..' || path.posix.isAbsolute(relative)) return { refused: 'outside' };
  return { relative };
}

/** `files` lists the files in the report's folder (relative paths with "/"), read by the caller. */
export function checkImages(doc: ReportDocument, files: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const image of imagesIn(doc)) {
    const at = (message: string, fix: string): number =>
      problems.push(error(doc.file, image.line, message, fix, 'images'));
    const name = image.src || '(no file)';
    if (!image.decorative && image.alt.trim() === '') {
      at(
        `image ${name} has no alt text`,
        `describe it between the square brackets, ![like this](${name}), or mark it decorative with ![""](${name})`,
      );
    } else if (FILE_NAME_ALT.test(image.alt.trim())) {
      at(
        `the alt text of image ${name} is a file name ("${image.alt}")`,
        'describe what the image shows and why it is there',
      );
    } else if (REDUNDANT_START.test(image.alt)) {
      problems.push(
        warning(
          doc.file,
          image.line,
          `the alt text of image ${name} starts with "${REDUNDANT_START.exec(image.alt)![0].trim()}"`,
          'screen readers already say it is an image: start with what it shows',
          'images',
        ),
      );
    }
    const where = resolveImage(image.src);
    if ('refused' in where) {
      at(
        where.refused === 'remote'
          ? `image ${name} is on another website`
          : `image ${name} is outside the report's folder`,
        where.refused === 'remote'
          ? 'download it (with permission) into the report folder and write just its file name'
          : 'copy it into the report folder and write just its file name',
      );
    } else if (!files.has(where.relative)) {
      const guess = closestWord(
        where.relative,
        [...files].filter((f) => !f.endsWith('.md')),
      );
      at(
        `image file ${where.relative} does not exist`,
        guess
          ? `did you mean ${guess}? File names must match exactly, including capital letters`
          : `put the image file in ${path.dirname(doc.file)}/ or correct the file name`,
      );
    }
  }
  return problems;
}
