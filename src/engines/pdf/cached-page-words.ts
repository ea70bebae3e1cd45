/**
 * A cached PDF's words per page, read again from the file: for PDFs cached before the read-back kept them. pdf-lib is
 * loaded only here, when needed, so a build whose PDFs all come with their words does not load it.
 */
import { readFile } from 'node:fs/promises';

export async function pageWordsOfFile(file: string): Promise<string[][]> {
  const { taggedWordsByPage } = await import('./page-words.ts');
  return taggedWordsByPage(await readFile(file));
}
