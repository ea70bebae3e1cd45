/**
 * The one way a picture reaches any edition: the web page, the easy-read page, the PDFs and the EPUB all take the
 * file this returns, never the editor's own. A raster picture (JPEG, PNG…) is returned as it is: it cannot run code,
 * and it is re-encoded on its way to every edition anyway. An SVG is cleaned (svg-sanitiser.ts) into the cache, named
 * by a hash of its bytes, with a record of what was removed; the editor's file is never changed. The cleaning runs
 * once per distinct picture: later builds read the record, and callers in one build share one cleaning.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomically } from '../../build/write-atomically.ts';
import { sanitiseSvg, type SvgCleaning } from './svg-sanitiser.ts';
import { exists } from '../../build/exists.ts';

export type SafePicture =
  /** `file`: what to process and publish. `removed`: what was taken out of an SVG (empty when nothing). */
  | { file: string; removed: string[] }
  /** The picture cannot be published: why, in words for editors. */
  | { refused: string; removed: string[] };

/** Bumped whenever the sanitiser's rules change, so every SVG is cleaned again (caches keyed by bytes use it too). */
export const SANITISER_VERSION = 1;

/** Cleanings in this process, by content: the site, print and easy-read callers of one build share one each. */
const cleanings = new Map<string, Promise<SvgCleaning>>();

export const isSvg = (file: string): boolean => path.extname(file).toLowerCase() === '.svg';

export async function safePicture(file: string, cacheDir: string): Promise<SafePicture> {
  if (!isSvg(file)) return { file, removed: [] };
  const bytes = await readFile(file);
  const key = createHash('sha256').update(`${SANITISER_VERSION}|`).update(bytes).digest('hex').slice(0, 32);
  const record = path.join(cacheDir, `${key}.json`);
  const cleaned = path.join(cacheDir, `${key}.svg`);
  const known = await readFile(record, 'utf8').then(
    (text) => JSON.parse(text) as { removed: string[]; refused?: string },
    () => undefined,
  );
  if (known?.refused) return { refused: known.refused, removed: known.removed };
  if (known && (await exists(cleaned))) return { file: cleaned, removed: known.removed };
  let pending = cleanings.get(key);
  if (!pending) {
    pending = sanitiseSvg(bytes.toString('utf8'));
    cleanings.set(key, pending);
  }
  const result = await pending;
  await mkdir(cacheDir, { recursive: true });
  if (result.svg !== undefined) await writeAtomically(cleaned, result.svg);
  await writeAtomically(
    record,
    JSON.stringify({ removed: result.removed, ...(result.refused ? { refused: result.refused } : {}) }),
  );
  return result.refused
    ? { refused: result.refused, removed: result.removed }
    : { file: cleaned, removed: result.removed };
}

/** Thrown where a refused picture was asked for anyway (the content checks stop the build before this happens). */
export class RefusedPictureError extends Error {}

/** The file to process for a picture; throws RefusedPictureError (with the reason) for one that cannot be published. */
export async function publishablePicture(file: string, cacheDir: string): Promise<string> {
  const safe = await safePicture(file, cacheDir);
  if ('refused' in safe) throw new RefusedPictureError(`${path.basename(file)} cannot be published: ${safe.refused}`);
  return safe.file;
}
