/**
 * Images for print, embedded in the print HTML. Every image is rasterised (SVG included): a chart's own labels would
 * otherwise print as text runs far below large-print size, and the read-back check would rightly refuse them. The alt
 * text and caption carry the content; 1,600 px wide is sharp at A4 text width.
 */
import sharp from 'sharp';
import type { PrintImage } from './print-html.ts';

const MAX_WIDTH = 1600;

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
