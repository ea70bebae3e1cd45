/**
 * Words of a text for comparing two renderings of it (braille translated back, a speech recogniser's transcript):
 * lower case, curly apostrophes made straight and kept inside words ("mother's"), every other mark a space.
 */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .split(' ')
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}
