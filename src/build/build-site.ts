/**
 * Builds the whole site from a content folder into an output folder, atomically: Eleventy writes into a temporary
 * folder beside the output, which replaces the output only when everything succeeded. A failed build leaves the
 * previous site untouched and removes its temporary folder.
 */
import Eleventy from '@11ty/eleventy';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { prepareSite, forgetPreparedSites, type PreparedSite } from '../report/prepare-site.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { OPTIONAL_FORMATS, setBuildContext, type OptionalFormat } from './build-context.ts';

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  /** Where progress lines go (PDFs printed and reused…); console.log by default. */
  log?: (line: string) => void;
  /** Cache of processed images and PDFs (default .cache in the project). */
  cacheDir?: string;
  /** Editions to make besides the website (default: all). */
  formats?: readonly OptionalFormat[];
  /** Publish drafts too (the live preview does; a real build never does). */
  includeDrafts?: boolean;
}

export interface BuildResult {
  site: PreparedSite;
  outputDir: string;
  seconds: number;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const contentDir = path.resolve(options.contentDir);
  const outputDir = path.resolve(options.outputDir);
  forgetPreparedSites();
  // Checks first: an editor's mistake is reported before anything is written.
  const includeDrafts = Boolean(options.includeDrafts);
  const site = await prepareSite(contentDir, { includeDrafts });

  const staging = `${outputDir}.building-${process.pid}`;
  const previous = `${outputDir}.previous-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const savedCwd = process.cwd();
  try {
    // Eleventy resolves its config, layouts and passthrough copies from the project folder.
    process.chdir(PROJECT_ROOT);
    setBuildContext({
      contentDir,
      includeDrafts,
      log: options.log ?? ((line) => console.log(line)),
      cacheDir: path.resolve(options.cacheDir ?? path.join(PROJECT_ROOT, '.cache')),
      formats: new Set(options.formats ?? OPTIONAL_FORMATS),
    });
    const eleventy = new Eleventy('layouts', staging, { configPath: '.eleventy.js', quietMode: true });
    // Our command prints its own summary; errors are thrown to it, so Eleventy's console output adds only noise.
    eleventy.logger.overrideLogger(false);
    await eleventy.write();
    await rename(outputDir, previous).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(staging, outputDir);
    await rm(previous, { recursive: true, force: true });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  } finally {
    await site.pdfWorkers.close();
    process.chdir(savedCwd);
    setBuildContext(undefined);
  }
  return { site, outputDir, seconds: (performance.now() - started) / 1000 };
}
