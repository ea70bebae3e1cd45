/**
 * What a PDF's tag tree says (each page's words, each figure's alt text), kept by its read-back for the editions and
 * checks that follow the PDF (the EPUB's page list, the parity check). Read only when one of them asks: a build with
 * nothing to check does not parse 200 PDFs' words. For PDFs cached before the read-back kept both, they are read
 * again from the file; pdf-lib is loaded only then.
 */
import { readFile } from 'node:fs/promises';

export interface TaggedContent {
  pageWords: string[][];
  figureAlts: string[];
}

/** Loads a PDF's tagged content once, on first call. */
export type TaggedLoader = () => Promise<TaggedContent>;

function memoised(load: () => Promise<TaggedContent>): TaggedLoader {
  let loaded: Promise<TaggedContent> | undefined;
  return () => (loaded ??= load());
}

/** From the words file the engine wrote beside the PDF, else from an older facts file, else from the PDF itself. */
export function taggedContentOf(pdf: string, wordsFile: string, olderFacts?: Partial<TaggedContent>): TaggedLoader {
  return memoised(async () => {
    if (olderFacts?.pageWords && olderFacts.figureAlts)
      return { pageWords: olderFacts.pageWords, figureAlts: olderFacts.figureAlts };
    try {
      return JSON.parse(await readFile(wordsFile, 'utf8')) as TaggedContent;
    } catch {
      return contentOfFile(pdf);
    }
  });
}

/** A published PDF's tagged content: from its loader when the engine gave one, else read from the file. */
export function taggedContent(file: string, tagged?: TaggedLoader): Promise<TaggedContent> {
  return tagged ? tagged() : contentOfFile(file);
}

async function contentOfFile(file: string): Promise<TaggedContent> {
  const { taggedContentOfPdf } = await import('./page-words.ts');
  return taggedContentOfPdf(await readFile(file));
}
