/**
 * `npm run new -- "Report title" [--content <dir>]`: makes content/reports/<slug>/index.md from a template.
 * Refuses to overwrite an existing report. Exit codes: 0 made, 1 usage or refusal.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reportSlug, scaffoldReport } from '../report/scaffold.ts';
import { displayPath } from '../report/load-site.ts';
import { readOptions, resolveFromCaller, UsageError } from './args.ts';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const title = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  let options;
  try {
    options = readOptions(
      args.filter((a) => a !== title),
      { content: '<content folder> (default: content)' },
    );
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  if (!title?.trim()) {
    console.error('Give the new report a title, in quotes: npm run new -- "Waiting times for GP appointments"');
    return 1;
  }
  const slug = reportSlug(title);
  const folder = path.join(resolveFromCaller(options.content ?? 'content'), 'reports', slug);
  const file = path.join(folder, 'index.md');
  if (
    await stat(folder).then(
      () => true,
      () => false,
    )
  ) {
    console.error(
      `${displayPath(folder)} already exists, so nothing was changed. Choose another title, or edit ${displayPath(file)}.`,
    );
    return 1;
  }
  await mkdir(folder, { recursive: true });
  const today = new Date().toISOString().slice(0, 10);
  await writeFile(file, scaffoldReport(title.trim(), today), { flag: 'wx' });
  console.log(
    `Made ${displayPath(file)} (a draft). Next: npm start to see it as you write; remove "draft: true" to publish it.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
