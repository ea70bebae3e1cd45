/**
 * `npm run serve`: serves the built site (_site) and receives the request and feedback forms.
 * From the environment: PORT (default 8080), HOST (default 127.0.0.1), DATA_DIR (default data/, outside the built
 * site), TRUST_PROXY (the reverse proxy's addresses, so rate limits see each reader) and FORM_SECRET (optional: else a
 * secret is made once in DATA_DIR), SMTP_URL and SMTP_FROM (staff emailed about each submission, at
 * requests.notify in site.yml or the organisation's email). See docs/deploying.md.
 * Staff with the editor role edit and publish the --content folder from /staff/reports/ (see docs/editor-desk.md).
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { openDatabase } from '../server/database.ts';
import { createServer } from '../server/app.ts';
import { FormTokens, loadFormSecret } from '../server/form-token.ts';
import { Notifier } from '../server/notifier.ts';
import { prepareSite } from '../report/prepare-site.ts';
import { findContentProblems } from '../report/problems.ts';
import { readOptions, resolveFromCaller } from './args.ts';

const options = readOptions(process.argv.slice(2), {
  site: '<built site> (default: _site)',
  content: '<content folder, for the organisation and settings> (default: content)',
});
const siteDir = resolveFromCaller(options.site ?? '_site');
const contentDir = resolveFromCaller(options.content ?? 'content');
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data'));
const port = Number(process.env.PORT ?? 8080);

if (!existsSync(path.join(siteDir, 'index.html'))) {
  console.error(`There is no built site in ${siteDir}. Build it first: npm run build`);
  process.exit(1);
}
let site;
try {
  site = await prepareSite(contentDir);
} catch (err) {
  console.error(findContentProblems(err)?.message ?? err);
  process.exit(2);
}
const db = openDatabase(dataDir);
const notifyTo = site.settings.requests.notify ?? site.organisation.email;
const notifier = process.env.SMTP_URL
  ? new Notifier(db, {
      smtpUrl: process.env.SMTP_URL,
      to: notifyTo,
      deskUrl: site.settings.url,
      ...(process.env.SMTP_FROM ? { from: process.env.SMTP_FROM } : {}),
      log: (line) => console.error(line),
    })
  : undefined;
if (notifier) notifier.start();
else
  console.warn(
    `No SMTP_URL is set, so nobody will be emailed when a request or feedback arrives: check with npm run requests -- list, or set SMTP_URL (see docs/deploying.md).`,
  );
const app = await createServer({
  ...(notifier ? { notifier } : {}),
  siteDir,
  db,
  organisation: site.organisation,
  settings: site.settings,
  port,
  tokens: new FormTokens(loadFormSecret(dataDir)),
  // The editor desk edits this content folder (its history kept in DATA_DIR) and publishes into the built site.
  editor: {
    contentDir,
    dataDir,
    ...(process.env.REPORTS_CACHE_DIR ? { cacheDir: process.env.REPORTS_CACHE_DIR } : {}),
  },
  ...(process.env.TRUST_PROXY ? { trustProxy: process.env.TRUST_PROXY } : {}),
});
await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
console.log(
  `Serving ${siteDir} at http://${process.env.HOST ?? '127.0.0.1'}:${port}/ — forms are stored in ${path.join(dataDir, 'submissions.sqlite')}.`,
);
/** Stops within 10 s whatever is in flight: open connections are ended (forceCloseConnections), and a timer makes sure. */
const stop = async (): Promise<void> => {
  setTimeout(() => process.exit(1), 10_000).unref();
  await app.close();
  await notifier?.stop();
  db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
