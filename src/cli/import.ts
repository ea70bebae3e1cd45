/**
 * `npm run import -- report.docx [--slug name] [--content dir]`: a Word document as a new draft report in
 * <content>/reports/<slug>/, then the content checks' list of what to fix. Exit codes: 0 imported (with or without
 * things to fix), 1 usage or a document that cannot be imported (nothing written).
 */
import { displayPath } from '../report/load-site.ts';
import { formatProblem } from '../report/problems.ts';
import { DocxImportError } from '../import/docx.ts';
import { importReport } from '../import/import-report.ts';
import { readOptions, resolveFromCaller, UsageError } from './args.ts';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const docx = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  let options;
  try {
    options = readOptions(
      args.filter((a) => a !== docx),
      {
        slug: "<the report's web address name> (default: from the file name)",
        content: '<content folder> (default: content)',
      },
    );
    if (!docx) throw new UsageError('Name the Word document to import: npm run import -- "Waiting times.docx"');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    return 1;
  }
  try {
    const result = await importReport({
      docx: resolveFromCaller(docx),
      contentDir: resolveFromCaller(options.content ?? 'content'),
      ...(options.slug ? { slug: options.slug } : {}),
    });
    console.log(
      `Made ${displayPath(result.file)} (a draft) and ${result.images} ${result.images === 1 ? 'picture' : 'pictures'} beside it.`,
    );
    for (const warning of result.warnings) console.log(`  Word: ${warning}`);
    if (result.problems.length) {
      console.log(
        `Before it can be published, fix ${result.problems.length === 1 ? 'this' : `these ${result.problems.length}`}:`,
      );
      for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
    } else console.log('It passes every check.');
    console.log('Next: npm start to see it; remove "draft: true" when it is ready.');
    return 0;
  } catch (err) {
    if (!(err instanceof DocxImportError)) throw err;
    console.error(`${docx} was not imported: ${err.message}.`);
    return 1;
  }
}

process.exit(await main());
