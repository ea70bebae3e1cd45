/**
 * The print font, embedded in the print HTML as data URIs: Atkinson Hyperlegible (Braille Institute; designed for low
 * vision readers), regular and bold only — large print uses no italics, and none is loaded so none can sneak in.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const FILES = ['latin-400-normal', 'latin-700-normal', 'latin-ext-400-normal', 'latin-ext-700-normal'];
let cached: Promise<string> | undefined;

async function fontFace(name: string, dir: string): Promise<string> {
  const data = await readFile(path.join(dir, `atkinson-hyperlegible-${name}.woff2`));
  const weight = name.includes('700') ? 700 : 400;
  const range = name.startsWith('latin-ext') ? 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+1E00-1EFF, U+20A0-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF' : 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD';
  return `@font-face { font-family: "Atkinson Hyperlegible"; font-style: normal; font-weight: ${weight}; src: url(data:font/woff2;base64,${data.toString('base64')}) format("woff2"); unicode-range: ${range}; }`;
}

/** @font-face rules with the fonts inside. */
export function embeddedFontCss(): Promise<string> {
  cached ??= (async () => {
    const dir = path.join(path.dirname(require.resolve('@fontsource/atkinson-hyperlegible/package.json')), 'files');
    return (await Promise.all(FILES.map((name) => fontFace(name, dir)))).join('\n');
  })();
  return cached;
}
