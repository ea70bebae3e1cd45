/** Which pages of a built site the checks visit: every URL in sitemap.xml, plus the 404 page (not in any sitemap). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export async function pagesToCheck(siteDir: string): Promise<string[]> {
  const sitemap = await readFile(path.join(siteDir, 'sitemap.xml'), 'utf8').catch(() => {
    throw new Error(`${path.join(siteDir, 'sitemap.xml')} does not exist: build the site first (npm run build).`);
  });
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!.trim()).pathname);
  return [...new Set([...paths, '/404.html'])];
}
