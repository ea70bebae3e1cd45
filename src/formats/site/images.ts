/**
 * Report images for the web, through @11ty/eleventy-img: modern formats (WebP beside the original format), several
 * widths, and width/height so the page does not jump while loading.
 *
 * Files are made into a cache folder; eleventy-img names each output by a hash of the input bytes and the options, and
 * skips files that already exist, so an unchanged image is never processed twice. The build copies the files it uses.
 * What eleventy-img said about an image is kept beside its files under a hash of the image's bytes and the options, so a
 * build whose images did not change does not load eleventy-img (or sharp) at all.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { publishFile } from '../../build/publish-file.ts';
import { writeAtomically } from '../../build/write-atomically.ts';
import { exists } from '../../build/exists.ts';
import { publishablePicture, SANITISER_VERSION } from '../../engines/images/safe-pictures.ts';

export interface ImageDefaults {
  /** Widths made for srcset; "auto" is the original width. Large enough for a 2x screen at our 45rem text column. */
  widths: Array<number | 'auto'>;
  /** Output formats; "auto" keeps the original format as the fallback for old browsers. SVG stays SVG. */
  formats: string[];
  /** Shown to the browser so it picks the right width: the text column is at most 45rem (about 720 px). */
  sizes: string;
  /** Where processed images wait between builds. */
  cacheDir: string;
  /** URL folder of images in the built site. */
  urlPath: string;
}

export function imageDefaults(cacheRoot: string): ImageDefaults {
  return {
    widths: [480, 960, 1440],
    formats: ['webp', 'auto'],
    sizes: '(min-width: 48rem) 45rem, 100vw',
    cacheDir: path.join(cacheRoot, 'images'),
    urlPath: '/img/',
  };
}

export interface ImageSource {
  type: string;
  srcset: string;
}
export interface ProcessedImage {
  src: string;
  width: number;
  height: number;
  sources: ImageSource[];
  /** Files (relative to the cache dir) to copy into the site. */
  files: string[];
}

interface ImageStat {
  url: string;
  width: number;
  height: number;
  srcset: string;
  sourceType: string;
  filename: string;
}

/** Bumped when what processImage returns changes shape. */
const RECORD_VERSION = 1;

async function recordFile(file: string, options: ImageDefaults): Promise<string> {
  const hash = createHash('sha256')
    .update(`${RECORD_VERSION}|${SANITISER_VERSION}|${JSON.stringify(options)}|`)
    .update(await readFile(file));
  return path.join(options.cacheDir, 'records', `${hash.digest('hex')}.json`);
}

async function recorded(record: string, options: ImageDefaults): Promise<ProcessedImage | undefined> {
  const text = await readFile(record, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const image = JSON.parse(text) as ProcessedImage;
  const present = await Promise.all(image.files.map((name) => exists(path.join(options.cacheDir, name))));
  return present.every(Boolean) ? image : undefined;
}

export async function processImage(file: string, options: ImageDefaults): Promise<ProcessedImage> {
  const record = await recordFile(file, options);
  const known = await recorded(record, options);
  if (known) return known;
  // An SVG is published as cleaned (safe-pictures.ts), never as the editor wrote it.
  const made = await runEleventyImg(await publishablePicture(file, path.join(options.cacheDir, 'safe-svg')), options);
  await mkdir(path.dirname(record), { recursive: true });
  await writeAtomically(record, JSON.stringify(made));
  return made;
}

async function runEleventyImg(file: string, options: ImageDefaults): Promise<ProcessedImage> {
  const { default: Image } = await import('@11ty/eleventy-img');
  const svg = file.toLowerCase().endsWith('.svg');
  const metadata = (await Image(file, {
    widths: svg ? ['auto'] : options.widths,
    formats: svg ? ['svg'] : options.formats,
    outputDir: options.cacheDir,
    urlPath: options.urlPath,
    svgShortCircuit: true,
  })) as Record<string, ImageStat[]>;
  const byFormat = Object.entries(metadata).filter(([, stats]) => stats.length > 0);
  // The fallback <img> uses the last format listed (the original), at its largest width.
  const [, fallbackStats] = byFormat.at(-1)!;
  const largest = fallbackStats.at(-1)!;
  return {
    src: largest.url,
    width: largest.width,
    height: largest.height,
    sources: byFormat
      .slice(0, -1)
      .map(([, stats]) => ({ type: stats[0]!.sourceType, srcset: stats.map((s) => s.srcset).join(', ') })),
    files: byFormat.flatMap(([, stats]) => stats.map((s) => s.filename)),
  };
}

/** Puts the processed files a build uses from the cache into the site. */
export async function copyImages(
  images: Iterable<ProcessedImage>,
  options: ImageDefaults,
  siteDir: string,
): Promise<number> {
  const target = path.join(siteDir, options.urlPath);
  const files = new Set([...images].flatMap((image) => image.files));
  await Promise.all([...files].map((name) => publishFile(path.join(options.cacheDir, name), path.join(target, name))));
  return files.size;
}
