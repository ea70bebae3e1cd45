/**
 * The fonts every printed edition is typeset in, as TrueType files from npm (Typst reads TTF/OTF, not WOFF):
 * Atkinson Hyperlegible (Braille Institute, designed for low-vision readers), regular and bold only — large print
 * uses no italics, so none is loaded and none can sneak in. Noto Sans is the one deliberate fallback, for characters
 * Atkinson Hyperlegible lacks; the build says which characters used it. Typst's own fonts are never used for text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface PrintFont {
  family: string;
  /** PostScript name as it appears in a PDF's BaseFont, after the subset prefix. */
  postscriptName: string;
  bold: boolean;
  file: string;
}

function fontFile(pkg: string, folder: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), folder, file);
}

export const PRIMARY_FAMILY = 'Atkinson Hyperlegible';
export const FALLBACK_FAMILY = 'Noto Sans';

export const PRINT_FONTS: readonly PrintFont[] = [
  {
    family: PRIMARY_FAMILY,
    postscriptName: 'AtkinsonHyperlegible-Regular',
    bold: false,
    file: fontFile('@expo-google-fonts/atkinson-hyperlegible', '400Regular', 'AtkinsonHyperlegible_400Regular.ttf'),
  },
  {
    family: PRIMARY_FAMILY,
    postscriptName: 'AtkinsonHyperlegible-Bold',
    bold: true,
    file: fontFile('@expo-google-fonts/atkinson-hyperlegible', '700Bold', 'AtkinsonHyperlegible_700Bold.ttf'),
  },
  {
    family: FALLBACK_FAMILY,
    postscriptName: 'NotoSans-Regular',
    bold: false,
    file: fontFile('@expo-google-fonts/noto-sans', '400Regular', 'NotoSans_400Regular.ttf'),
  },
  {
    family: FALLBACK_FAMILY,
    postscriptName: 'NotoSans-Bold',
    bold: true,
    file: fontFile('@expo-google-fonts/noto-sans', '700Bold', 'NotoSans_700Bold.ttf'),
  },
];

let identity: string | undefined;

/** A hash of the font files, for cache keys: new font files mean new PDFs. */
export function printFontsIdentity(): string {
  identity ??= PRINT_FONTS.reduce((hash, font) => hash.update(readFileSync(font.file)), createHash('sha256'))
    .digest('hex')
    .slice(0, 16);
  return identity;
}
