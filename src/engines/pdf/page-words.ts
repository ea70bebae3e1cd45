/**
 * The words of each page of a tagged PDF as its tag tree reads them (artifacts such as page numbers left out): what
 * another edition needs to know where a page of this PDF starts (the EPUB's page list).
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { markedText, pageTextRuns } from './page-text.ts';
import { figureAlts, readStructTree, type StructTree } from './struct-tree.ts';
import { wordsOf } from '../../report/words.ts';

/** One page's words in tag order, from its marked-content text (the read-back has both at hand already). */
export function pageWordsInTagOrder(tree: StructTree, page: PDFPage, marked: ReadonlyMap<number, string>): string[] {
  return (tree.contentOrder.get(page.node) ?? []).flatMap((mcid) => wordsOf(marked.get(mcid) ?? ''));
}

/** Each page's words and each figure's alt text, for a PDF whose read-back did not keep them (cached before it did). */
export async function taggedContentOfPdf(pdf: Uint8Array): Promise<{ pageWords: string[][]; figureAlts: string[] }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const tree = readStructTree(doc);
  const pageWords = doc.getPages().map((page) => pageWordsInTagOrder(tree, page, markedText(pageTextRuns(doc, page))));
  return { pageWords, figureAlts: figureAlts(tree) };
}
