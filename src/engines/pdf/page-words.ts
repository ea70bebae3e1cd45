/**
 * The words of each page of a tagged PDF as its tag tree reads them (artifacts such as page numbers left out): what
 * another edition needs to know where a page of this PDF starts (the EPUB's page list).
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { markedText, pageTextRuns } from './page-text.ts';
import { figureAlts, readStructTree, type StructTree } from './struct-tree.ts';
import { wordsOf } from '../../report/words.ts';

/**
 * One page's words in tag order, from its marked-content text (the read-back has both at hand already). A word split
 * between two marked runs with no space between them — "**Explain**s", bold over part of a word — is one word, as a
 * screen reader reads the runs one after the other: it is joined when the page shows it joined (`onPage`).
 */
export function pageWordsInTagOrder(
  tree: StructTree,
  page: PDFPage,
  marked: ReadonlyMap<number, string>,
  onPage?: ReadonlySet<string>,
): string[] {
  const words: string[] = [];
  let openEnded = false;
  for (const mcid of tree.contentOrder.get(page.node) ?? []) {
    const text = marked.get(mcid) ?? '';
    const found = wordsOf(text);
    if (found.length === 0) {
      if (text) openEnded = false;
      continue;
    }
    const joined = openEnded && /^[\p{L}\p{N}]/u.test(text) ? `${words.at(-1)}${found[0]}` : undefined;
    if (joined !== undefined && (!onPage || onPage.has(joined))) {
      words[words.length - 1] = joined;
      words.push(...found.slice(1));
    } else words.push(...found);
    openEnded = /[\p{L}\p{N}]$/u.test(text);
  }
  return words;
}

/** Each page's words and each figure's alt text, for a PDF whose read-back did not keep them (cached before it did). */
export async function taggedContentOfPdf(pdf: Uint8Array): Promise<{ pageWords: string[][]; figureAlts: string[] }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const tree = readStructTree(doc);
  const pageWords = doc.getPages().map((page) => pageWordsInTagOrder(tree, page, markedText(pageTextRuns(doc, page))));
  return { pageWords, figureAlts: figureAlts(tree) };
}
