/**
 * `npm run check:a11y -- [--site _site]`: the accessibility gate over a built site.
 * Exit codes (as pa11y's): 0 every page passed, 1 the check itself crashed, 2 problems found.
 */
import { formatGateReport, pagePassed, runAccessibilityGate } from '../checks/site/accessibility-gate.ts';
import { readOptions, resolveFromCaller } from './args.ts';

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2), { site: '<built site folder> (default: _site)' });
  const reports = await runAccessibilityGate(resolveFromCaller(options.site ?? '_site'));
  console.log(formatGateReport(reports));
  return reports.every(pagePassed) ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
