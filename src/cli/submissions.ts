/**
 * `npm run requests -- list | show <ref> | done <ref> | purge | export --csv [--all]` and the same for `npm run feedback`.
 * Reads DATA_DIR (default data/) and the site's settings (CONTENT_DIR, default content/). Exit codes: 0 done, 1 usage, 2 not found.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { runSubmissions } from '../server/admin.ts';
import type { Kind } from '../server/store.ts';
import { existsSync, readFileSync } from 'node:fs';
import { readDataFile, siteSchema } from '../report/site-data.ts';
import { formatProblem } from '../report/problems.ts';

/** How long feedback contact details are kept: requests.keepFeedbackContactDays in the site's settings (CONTENT_DIR, default content/). */
function keepDays(): number {
  const file = path.join(process.env.CONTENT_DIR ?? path.join(PROJECT_ROOT, 'content'), '_data', 'site.yml');
  const { data, problems } = readDataFile(existsSync(file) ? readFileSync(file, 'utf8') : '', file, siteSchema);
  if (!data) throw new Error(problems.map(formatProblem).join('\n'));
  return data.requests.keepFeedbackContactDays;
}

const kind = process.argv[2] as Kind;
if (kind === 'requests' || kind === 'feedback') {
  const code = runSubmissions(kind, process.argv.slice(3), path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data')), (line) => console.log(line), keepDays());
  process.exit(code);
}
