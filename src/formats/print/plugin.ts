/**
 * The print format as an Eleventy plugin: large-print PDFs (each configured size) and a standard PDF of every report,
 * made before the pages are rendered so each report's "Other formats" box can list them with their pages and size.
 * Errors stop the build; warnings (a chart's small text, a fallback font) are printed and the build goes on.
 */
import type { UserConfig } from '@11ty/eleventy';
import { prepareSite } from '../../report/prepare-site.ts';
import type { OptionalFormat } from '../../build/build-context.ts';
import { ContentProblemsError, errorsIn, formatProblem } from '../../report/problems.ts';
import { makePrintEditions } from './make-print-editions.ts';
import { engineDefaults } from '../../engines/pdf/pdf-engine.ts';

export interface PrintPluginOptions {
  contentDir: string;
  includeDrafts?: boolean;
  log?: (line: string) => void;
  /** Where finished PDFs are kept between builds. */
  cacheDir: string;
  formats?: ReadonlySet<OptionalFormat>;
}

export function reportPrintEditions(eleventyConfig: UserConfig, options: PrintPluginOptions): void {
  eleventyConfig.on('eleventy.before', async () => {
    const site = await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) });
    await site.milestones.run('print', async () => {
      const defaults = engineDefaults(options.cacheDir, options.log, site.pdfWorkers);
      const result = await makePrintEditions(site, defaults, options.formats);
      if (errorsIn(result.problems).length > 0) throw new ContentProblemsError(result.problems);
      for (const problem of result.problems) defaults.log(`  ${formatProblem(problem)}`);
      site.stats.pdfsPrinted += result.made;
      site.stats.pdfsReused += result.reused;
      for (const [slug, editions] of result.editions)
        site.editions.set(slug, [...(site.editions.get(slug) ?? []), ...editions]);
    });
  });
}
