/**
 * Pictograms by simple name: ![A mother with her baby](pictogram:woman feeding baby) finds the OpenMoji whose
 * name (its Unicode annotation) matches. OpenMoji (openmoji.org) is CC BY-SA 4.0: every page and PDF that shows one
 * carries PICTOGRAM_CREDIT.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { closestWord } from '../../report/validators.ts';

const require = createRequire(import.meta.url);

export const PICTOGRAM_SCHEME = 'pictogram:';
export const PICTOGRAM_CREDIT =
  'Pictograms by OpenMoji, the open-source emoji and icon project (openmoji.org), licensed under CC BY-SA 4.0.';

interface OpenMojiEntry {
  hexcode: string;
  annotation: string;
  skintone: string | number;
}

let index: Map<string, string> | undefined;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function pictogramIndex(): Map<string, string> {
  if (!index) {
    const entries = require('openmoji/data/openmoji.json') as OpenMojiEntry[];
    index = new Map();
    // Base forms only (no skin-tone variants): the first entry of a name wins.
    for (const entry of entries)
      if (!entry.skintone && !index.has(normalise(entry.annotation)))
        index.set(normalise(entry.annotation), entry.hexcode);
  }
  return index;
}

export function isPictogram(src: string): boolean {
  return src.startsWith(PICTOGRAM_SCHEME);
}

export type PictogramLookup = { file: string; hexcode: string } | { missing: string; suggestion?: string };

export function findPictogram(src: string): PictogramLookup {
  const name = normalise(decodeURIComponent(src.slice(PICTOGRAM_SCHEME.length)));
  const hexcode = pictogramIndex().get(name);
  if (!hexcode) {
    const suggestion = closestWord(name, [...pictogramIndex().keys()]);
    return { missing: name, ...(suggestion ? { suggestion } : {}) };
  }
  const root = path.dirname(require.resolve('openmoji/package.json'));
  return { file: path.join(root, 'color', 'svg', `${hexcode}.svg`), hexcode };
}
