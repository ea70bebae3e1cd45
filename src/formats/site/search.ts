/**
 * Site search that works offline and sends nothing to anyone: Pagefind (from npm, with its platform binary as an npm
 * package) indexes the built pages into /pagefind/, and the search page queries that index in the browser. Only the
 * parts of pages marked data-pagefind-body (reports, easy read, transcripts) are indexed.
 */
import * as pagefind from 'pagefind';
import path from 'node:path';

export async function indexSite(siteDir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
