/**
 * `npm run build -- [--content <dir>] [--output <dir>]`: checks the content, then builds the site.
 * Exit codes: 0 built, 1 crashed, 2 the content has problems to fix (nothing was written).
 */
import { buildSite } from '../build/build-site.ts';
import { findContentProblems, formatProblem, type Problem } from '../report/problems.ts';
import { displayPath } from '../report/load-site.ts';
import { formatsOption, readFormats, readOptions, resolveFromCaller, UsageError } from './args.ts';
import { OPTIONAL_FORMATS, type OptionalFormat } from '../build/build-context.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Warnings and notes do not stop the build; they are printed so the editor can act on them. */
function printWarnings(problems: readonly Problem[], built: boolean): void {
  const warnings = problems.filter((p) => p.severity === 'warning');
  const notes = problems.filter((p) => p.severity === 'note');
  if (warnings.length)
    console.warn(`${plural(warnings.length, 'warning')}${built ? ' (the site was still built)' : ''}:`);
  for (const warning of warnings) console.warn(`  ${formatProblem(warning)}`);
  for (const item of notes) console.log(`  ${formatProblem(item)}`);
}

async function main(): Promise<number> {
  let options;
  let formats: OptionalFormat[];
  try {
    options = readOptions(process.argv.slice(2), {
      content: '<folder with reports/ and _data/> (default: content)',
      output: '<folder to write the site to> (default: _site)',
      formats: formatsOption(OPTIONAL_FORMATS),
    });
    formats = readFormats(options.formats, OPTIONAL_FORMATS);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const contentDir = resolveFromCaller(options.content ?? 'content');
  const outputDir = resolveFromCaller(options.output ?? '_site');
  try {
    const result = await buildSite({ contentDir, outputDir, formats });
    printWarnings(result.site.warnings, true);
    const drafts = result.site.draftsSkipped ? `, skipped ${plural(result.site.draftsSkipped, 'draft')}` : '';
    console.log(
      `Built ${plural(result.site.reports.length, 'report')} into ${displayPath(result.outputDir)} in ${result.seconds.toFixed(1)} s${drafts}.`,
    );
    return 0;
  } catch (err) {
    const problems = findContentProblems(err);
    if (!problems) throw err;
    console.error(problems.message);
    printWarnings(problems.problems, false);
    console.error(
      `Nothing was published: ${displayPath(outputDir)} is unchanged. Fix the problems above and build again.`,
    );
    return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('The build crashed. This is a bug in the publishing tool, not in your content:');
    console.error(err);
    process.exit(1);
  },
);
