/**
 * `npm run requests -- list | show <ref> | done <ref> | export --csv [--all]` and the same for `npm run feedback`.
 * Reads DATA_DIR (default data/). Exit codes: 0 done, 1 usage, 2 not found.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { runSubmissions } from '../server/admin.ts';
import type { Kind } from '../server/store.ts';

const kind = process.argv[2] as Kind;
if (kind === 'requests' || kind === 'feedback') {
  const code = runSubmissions(kind, process.argv.slice(3), path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data')), (line) => console.log(line));
  process.exit(code);
}
