/**
 * The website format as an Eleventy plugin: report pages, home page, accessibility statement, 404 and sitemap, from a
 * content folder. Layouts (Nunjucks, in layouts/) only present what this plugin hands them.
 *
 * Order of a build: eleventy.before loads and checks the content (once, shared with the build command), processes the
 * images and renders each report body; Eleventy renders the layouts; eleventy.after copies images and attachments and
 * writes each report's formats.json with the sizes of the written files.
 */
import type { UserConfig } from '@11ty/eleventy';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { prepareSite, type PreparedSite } from '../../report/prepare-site.ts';
import { fileForHref, planManifest, writeManifest } from '../manifest.ts';
import { publishFile } from '../../build/publish-file.ts';
import { createSiteRenderer } from './render-html.ts';
import { copyImages, imageDefaults, processImage, type ProcessedImage } from './images.ts';
import { staticHostHeaders } from './security-headers.ts';
import { reportPage, type ReportPage } from './report-page.ts';
import { formatGroups, formatShortcuts } from './format-groups.ts';
import { siteFilters } from './filters.ts';
import { feedFilters } from './feed.ts';
import { indexSite } from './search.ts';
import { checkParity } from '../../checks/parity/parity-check.ts';
import { imagesIn, resolveImage } from '../../checks/images.ts';
import { classifyLink } from '../../checks/links.ts';
import { walkInlines } from '../../report/build-document.ts';
import type { ParsedReport } from '../../report/parse-report.ts';
import { ContentProblemsError, error, type Problem } from '../../report/problems.ts';

export interface WebsiteOptions {
  /** The editors' content folder (default "content"). */
  contentDir: string;
  /** Show draft reports (the live preview does; a build does not). */
  includeDrafts?: boolean;
  /** Where processed images are kept between builds. */
  cacheDir: string;
  /** Only this report's pages (the live preview's quick page); no search index. */
  onlyReport?: string;
  /** Where progress lines go (the build's log). */
  log?: (line: string) => void;
}

const FONT_FILES =
  'node_modules/@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin*-{400,700}-normal.woff2';

interface BuildState {
  site: PreparedSite;
  /** Rendered once per build; pages are assembled when Eleventy asks, after every format plugin added its editions. */
  bodies: Map<string, { report: ParsedReport; images: Map<string, ProcessedImage> }>;
  images: Map<string, ProcessedImage>;
  pages?: ReportPage[];
}

/** Files in a report's folder that its links point to (a PDF of the full report, say), copied beside its page. */
function attachments(report: ParsedReport): string[] {
  const files = new Set<string>();
  walkInlines(report.document, (node) => {
    if (node.type !== 'link') return;
    const target = classifyLink(node.href, report.document.slug);
    if (target.kind === 'file') files.add(target.relative);
  });
  return [...files];
}

async function prepareBuild(options: WebsiteOptions): Promise<BuildState> {
  const site = await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) });
  const defaults = imageDefaults(options.cacheDir);
  const images = new Map<string, ProcessedImage>();
  const bodies: BuildState['bodies'] = new Map();
  const unreadable: Problem[] = [];
  for (const report of site.reports.filter((r) => !options.onlyReport || r.document.slug === options.onlyReport)) {
    const perReport = new Map<string, ProcessedImage>();
    await Promise.all(
      imagesIn(report.document).map(async (image) => {
        const where = resolveImage(image.src);
        if ('refused' in where) return; // the checks have already stopped the build
        const file = path.join(report.document.folder, where.relative);
        try {
          const processed = images.get(file) ?? (await processImage(file, defaults));
          images.set(file, processed);
          perReport.set(image.src, processed);
        } catch (err) {
          const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
          unreadable.push(
            error(
              report.document.file,
              image.line,
              `image ${image.src} could not be read (${reason})`,
              'the file may be damaged, or not really an image: open it, export it again as JPG, PNG or SVG, and replace it',
              'images',
            ),
          );
        }
      }),
    );
    bodies.set(report.document.slug, { report, images: perReport });
  }
  if (unreadable.length) throw new ContentProblemsError(unreadable);
  return { site, bodies, images };
}

export function reportWebsite(eleventyConfig: UserConfig, options: WebsiteOptions): void {
  const defaults = imageDefaults(options.cacheDir);
  const md = createSiteRenderer(defaults.sizes);
  let state: BuildState | undefined;
  const current = (): BuildState => {
    if (!state) throw new Error('The report website plugin was asked for data before the content was loaded.');
    return state;
  };

  // Nunjucks does not escape by default in Eleventy: turn it on, so only report bodies (rendered by us) are raw HTML.
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  for (const [name, fn] of Object.entries({ ...siteFilters, ...feedFilters, formatGroups, formatShortcuts }))
    eleventyConfig.addFilter(name, fn);
  eleventyConfig.addPassthroughCopy({ 'layouts/assets': 'assets' });
  eleventyConfig.addPassthroughCopy({ [FONT_FILES]: 'assets/fonts' });

  eleventyConfig.on('eleventy.before', async () => {
    state = await prepareBuild(options);
  });
  // Pages of optional formats (layouts/easy-read.njk, layouts/audio.njk) have nothing to show when their plugin is
  // not loaded; their plugins replace these.
  eleventyConfig.addGlobalData('easyReads', []);
  eleventyConfig.addGlobalData('audioPages', []);
  eleventyConfig.addGlobalData('easyReadAudio', {});
  eleventyConfig.addGlobalData('organisation', () => current().site.organisation);
  eleventyConfig.addGlobalData('settings', () => current().site.settings);
  eleventyConfig.addGlobalData('staticHostHeaders', staticHostHeaders);
  eleventyConfig.addGlobalData('reports', () => {
    const build = current();
    build.pages ??= [...build.bodies.values()].map(({ report, images }) =>
      reportPage(
        md,
        report,
        images,
        (build.site.editions.get(report.document.slug) ?? []).map((e) => e.entry),
      ),
    );
    return build.pages;
  });

  eleventyConfig.on('eleventy.after', async ({ directories }) => {
    const { site, images, bodies } = current();
    const out = directories.output;
    await copyImages(images.values(), defaults, out);
    for (const { report } of bodies.values()) {
      const folder = path.join(out, 'reports', report.document.slug);
      for (const file of attachments(report)) {
        await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
        await copyFile(path.join(report.document.folder, file), path.join(folder, file));
      }
      const editions = site.editions.get(report.document.slug) ?? [];
      await Promise.all(
        editions.flatMap((edition) =>
          edition.source
            ? [publishFile(edition.source, fileForHref(out, report.document.slug, edition.entry.href))]
            : [],
        ),
      );
      await writeManifest(
        out,
        planManifest(
          report.document,
          editions.map((e) => e.entry),
        ),
      );
    }
    if (options.onlyReport) return;
    // Every edition says the same thing: checked once all are written, before the site replaces the old one.
    const parity = await checkParity(site, out, options.cacheDir);
    if (parity.problems.length) throw new ContentProblemsError(parity.problems);
    options.log?.(
      `Parity: ${parity.editions} editions of ${site.reports.length} ${site.reports.length === 1 ? 'report' : 'reports'} carry every heading, paragraph, list, table, figure, note and link (${parity.seconds.toFixed(2)} s)`,
    );
    await indexSite(out, path.join(options.cacheDir, 'search'));
  });
}
