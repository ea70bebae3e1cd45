/**
 * Images for print, embedded in the print HTML. Every image is rasterised (SVG included): a chart's own labels would
 * otherwise print as text runs far below large-print size, and the read-back check would rightly refuse them. The alt
 * text and caption carry the content; 1,600 px wide is sharp at A4 text width.
 */
import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { writeAtomically } from '../../build/write-atomically.ts';
import path from 'node:path';
import type { PrintImage } from './print-html.ts';

const MAX_WIDTH = 1600;
/** Bumped when the conversion changes, so cached conversions are made again. */
const VERSION = 1;

/** A print image, converted once per distinct file content (cached in `cacheDir` by a hash of the bytes). */
export async function cachedPrintImage(file: string, cacheDir: string): Promise<PrintImage> {
  const bytes = await readFile(file);
  const key = createHash('sha256').update(bytes).update(`${path.extname(file).toLowerCase()}|${MAX_WIDTH}|${VERSION}`).digest('hex').slice(0, 32);
  const cached = path.join(cacheDir, `${key}.json`);
  try {
    return JSON.parse(await readFile(cached, 'utf8')) as PrintImage;
  } catch {
    const image = await printImage(file);
    await mkdir(cacheDir, { recursive: true });
    await writeAtomically(cached, JSON.stringify(image));
    return image;
  }
}

export async function printImage(file: string): Promise<PrintImage> {
  const svg = file.toLowerCase().endsWith('.svg');
  const source = sharp(file, svg ? { density: 300 } : {});
  const meta = await source.metadata();
  const hasAlpha = Boolean(meta.hasAlpha) || svg;
  const resized = source.resize({ width: MAX_WIDTH, withoutEnlargement: true });
  const { data, info } = hasAlpha
    ? await resized.flatten({ background: '#ffffff' }).png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
    : await resized.jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
  const type = hasAlpha ? 'image/png' : 'image/jpeg';
  return { dataUri: `data:${type};base64,${data.toString('base64')}`, width: info.width, height: info.height };
}
