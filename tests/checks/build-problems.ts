/** What the checks tests share: the problems a web-only build of a content folder stops on (none when it builds). */
import path from 'node:path';
import { buildSite } from '../../src/build/build-site.ts';
import { findContentProblems, type Problem } from '../../src/report/problems.ts';

/** Builds `contentDir` into `dir`/site (cache in `dir`/cache) and returns the problems that stopped it. */
export async function problemsStoppingBuild(contentDir: string, dir: string): Promise<Problem[]> {
  try {
    await buildSite({
      contentDir,
      outputDir: path.join(dir, 'site'),
      cacheDir: path.join(dir, 'cache'),
      log: () => {},
      formats: [],
    });
    return [];
  } catch (err) {
    const found = findContentProblems(err);
    if (!found) throw err;
    return found.problems;
  }
}
