/**
 * Pictures for print, shared by every printed edition. Every picture is rasterised, SVG included: Typst would keep an
 * SVG chart's labels as text at the chart's own (tiny) scale, and the read-back would rightly refuse them; the alt
 * text and caption carry the content. 1,600 px wide is sharp at A4 text width. Conversions are kept in the cache by a
 * hash of the file's bytes, so a picture is converted once, however many editions and builds use it.
 */
import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomically } from '../../build/write-atomically.ts';
import { publishablePicture, RefusedPictureError, SANITISER_VERSION } from '../images/safe-pictures.ts';

const MAX_WIDTH = 1600;
/** Bumped when the conversion changes, so cached conversions are made again. */
const VERSION = 2;

export interface PrintImage {
  /** The converted picture (PNG or JPEG) in the cache. */
  file: string;
  /** Its name inside the typesetter's virtual folder: the content hash, so equal pictures share one file. */
  name: string;
  width: number;
  height: number;
}

/** Thrown when a picture cannot be decoded: the caller knows which Markdown line used it. */
export class UnreadableImageError extends Error {}

async function convert(file: string): Promise<{ data: Buffer; type: 'png' | 'jpg'; width: number; height: number }> {
  const svg = file.toLowerCase().endsWith('.svg');
  try {
    const source = sharp(file, svg ? { density: 300 } : {});
    const meta = await source.metadata();
    const hasAlpha = Boolean(meta.hasAlpha) || svg;
    const resized = source.resize({ width: MAX_WIDTH, withoutEnlargement: true });
    const { data, info } = hasAlpha
      ? await resized
          .flatten({ background: '#ffffff' })
          .png({ compressionLevel: 9 })
          .toBuffer({ resolveWithObject: true })
      : await resized.jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
    return { data, type: hasAlpha ? 'png' : 'jpg', width: info.width, height: info.height };
  } catch (err) {
    throw new UnreadableImageError((err as Error).message);
  }
}

/** The typesetter's virtual files for these pictures, each once (equal pictures share a name). */
export function virtualFiles(images: Iterable<PrintImage>): Array<{ name: string; file: string }> {
  return [...new Map([...images].map((image) => [image.name, { name: image.name, file: image.file }])).values()];
}

/** A print-ready picture, converted once per distinct file content. */
export async function cachedPrintImage(original: string, cacheDir: string): Promise<PrintImage> {
  // An SVG is rasterised from its cleaned copy (safe-pictures.ts), like every edition's pictures.
  let file: string;
  try {
    file = await publishablePicture(original, path.join(cacheDir, 'safe-svg'));
  } catch (err) {
    if (err instanceof RefusedPictureError) throw new UnreadableImageError(err.message);
    throw err;
  }
  const bytes = await readFile(file);
  const key = createHash('sha256')
    .update(bytes)
    .update(`${path.extname(file).toLowerCase()}|${MAX_WIDTH}|${VERSION}|${SANITISER_VERSION}`)
    .digest('hex')
    .slice(0, 32);
  const facts = path.join(cacheDir, `${key}.json`);
  try {
    const known = JSON.parse(await readFile(facts, 'utf8')) as PrintImage;
    await stat(known.file);
    return known;
  } catch {
    const converted = await convert(file);
    await mkdir(cacheDir, { recursive: true });
    const image: PrintImage = {
      file: path.join(cacheDir, `${key}.${converted.type}`),
      name: `${key}.${converted.type}`,
      width: converted.width,
      height: converted.height,
    };
    await writeAtomically(image.file, converted.data);
    await writeAtomically(facts, JSON.stringify(image));
    return image;
  }
}
