/**
 * The words of each page of a tagged PDF as its tag tree reads them (artifacts such as page numbers left out): what
 * another edition needs to know where a page of this PDF starts (the EPUB's page list).
 */
import { PDFDocument } from 'pdf-lib';
import { markedText, pageTextRuns } from './page-text.ts';
import { readStructTree } from './struct-tree.ts';
import { wordsOf } from '../../report/words.ts';

export async function taggedWordsByPage(pdf: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const tree = readStructTree(doc);
  return doc.getPages().map((page) => {
    const marked = markedText(pageTextRuns(doc, page));
    return (tree.contentOrder.get(page.node) ?? []).flatMap((mcid) => wordsOf(marked.get(mcid) ?? ''));
  });
}
