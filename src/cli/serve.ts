/**
 * `npm run serve`: serves the built site (_site) and receives the request and feedback forms.
 * PORT (default 8080) and DATA_DIR (default data/, outside the built site) come from the environment.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { openDatabase } from '../server/database.ts';
import { createServer } from '../server/app.ts';
import { prepareSite } from '../report/prepare-site.ts';
import { findContentProblems } from '../report/problems.ts';
import { readOptions, resolveFromCaller } from './args.ts';

const options = readOptions(process.argv.slice(2), { site: '<built site> (default: _site)', content: '<content folder, for the organisation and settings> (default: content)' });
const siteDir = resolveFromCaller(options.site ?? '_site');
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data'));
const port = Number(process.env.PORT ?? 8080);

if (!existsSync(path.join(siteDir, 'index.html'))) {
  console.error(`There is no built site in ${siteDir}. Build it first: npm run build`);
  process.exit(1);
}
let site;
try {
  site = await prepareSite(resolveFromCaller(options.content ?? 'content'));
} catch (err) {
  console.error(findContentProblems(err)?.message ?? err);
  process.exit(2);
}
const db = openDatabase(dataDir);
const app = await createServer({ siteDir, db, organisation: site.organisation, settings: site.settings });
await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
console.log(`Serving ${siteDir} at http://${process.env.HOST ?? '127.0.0.1'}:${port}/ — forms are stored in ${path.join(dataDir, 'submissions.sqlite')}.`);
const stop = async (): Promise<void> => {
  await app.close();
  db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
