/**
 * Site search that works offline and sends nothing to anyone: Pagefind (from npm, with its platform binary as an npm
 * package) indexes the built pages into /pagefind/, and the search page queries that index in the browser. Only the
 * parts of pages marked data-pagefind-body (reports, easy read, transcripts) are indexed.
 *
 * The index is kept in the cache under a hash of every page it reads: a build whose pages did not change copies it
 * instead of running Pagefind again (about 0.8 s for 100 reports).
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { cp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { exists } from '../../build/exists.ts';

const INDEX_FOLDER = 'pagefind';
/** Indexes kept in the cache (the newest; a preview and a build of another content folder each keep theirs). */
const KEPT = 4;

/** Pagefind's version, from its package.json (the package exports no path to it). */
async function pagefindVersion(): Promise<string> {
  let dir = path.dirname(fileURLToPath(import.meta.resolve('pagefind')));
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest) return (JSON.parse(manifest) as { version: string }).version;
  }
  throw new Error('Pagefind is not installed: run npm run setup');
}

async function pagesHash(siteDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await pagefindVersion());
  const files = (await readdir(siteDir, { recursive: true }))
    .filter((f) => f.endsWith('.html') && !f.startsWith(`${INDEX_FOLDER}${path.sep}`))
    .sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(await readFile(path.join(siteDir, file)))
      .update('\0');
  return hash.digest('hex');
}

async function runPagefind(siteDir: string): Promise<void> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, INDEX_FOLDER) });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

/** Drops all but the newest KEPT indexes. */
async function prune(cacheDir: string): Promise<void> {
  const entries = await readdir(cacheDir).catch(() => []);
  const dated = await Promise.all(
    entries
      .filter((e) => /^[0-9a-f]{64}$/.test(e))
      .map(async (e) => ({ e, at: (await stat(path.join(cacheDir, e))).mtimeMs })),
  );
  for (const { e } of dated.sort((a, b) => b.at - a.at).slice(KEPT))
    await rm(path.join(cacheDir, e), { recursive: true, force: true });
}

/** Writes `<siteDir>/pagefind/`; returns whether the index was reused from `cacheDir`. */
export async function indexSite(siteDir: string, cacheDir: string): Promise<{ reused: boolean }> {
  const key = await pagesHash(siteDir);
  const cached = path.join(cacheDir, key);
  const target = path.join(siteDir, INDEX_FOLDER);
  if (await exists(cached)) {
    await cp(cached, target, { recursive: true });
    return { reused: true };
  }
  await runPagefind(siteDir);
  // Copied under a temporary name and renamed, so an interrupted build never leaves half an index to be reused.
  const partial = `${cached}.partial-${process.pid}`;
  await cp(target, partial, { recursive: true });
  await rename(partial, cached).catch(() => rm(partial, { recursive: true, force: true }));
  await prune(cacheDir);
  return { reused: false };
}
