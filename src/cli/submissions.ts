/**
 * `npm run requests -- list [--all|--overdue] | show <ref> | done <ref> | purge | summary --year 2026 | export --csv` and the same for `npm run feedback`.
 * Reads DATA_DIR (default data/) and the site's settings (CONTENT_DIR, default content/). Exit codes: 0 done, 1 usage, 2 not found.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { runSubmissions, type AdminSettings } from '../server/admin.ts';
import type { Kind } from '../server/store.ts';
import { existsSync, readFileSync } from 'node:fs';
import { readDataFile, siteSchema } from '../report/site-data.ts';
import { formatProblem } from '../report/problems.ts';

/** The request settings the commands follow, from the site's settings (CONTENT_DIR, default content/). */
function adminSettings(): AdminSettings {
  const file = path.join(process.env.CONTENT_DIR ?? path.join(PROJECT_ROOT, 'content'), '_data', 'site.yml');
  const { data, problems } = readDataFile(existsSync(file) ? readFileSync(file, 'utf8') : '', file, siteSchema);
  if (!data) throw new Error(problems.map(formatProblem).join('\n'));
  return {
    keepFeedbackContactDays: data.requests.keepFeedbackContactDays,
    replyWorkingDays: data.requests.replyWorkingDays,
  };
}

const kind = process.argv[2] as Kind;
if (kind === 'requests' || kind === 'feedback') {
  const code = runSubmissions(
    kind,
    process.argv.slice(3),
    path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data')),
    (line) => console.log(line),
    adminSettings(),
  );
  process.exit(code);
}
