/**
 * What the build command tells the Eleventy config: which content folder, whether drafts show, where progress goes.
 * Eleventy loads .eleventy.js itself and passes it nothing of ours, so the build sets this before Eleventy starts;
 * run on its own (npx @11ty/eleventy), the config falls back to REPORTS_CONTENT_DIR or "content".
 */
import path from 'node:path';
import { processWide } from './process-wide.ts';
import { PROJECT_ROOT } from './project-root.ts';

export interface BuildContext {
  contentDir: string;
  includeDrafts: boolean;
  log: (line: string) => void;
  /** Where expensive outputs (processed images, PDFs) are kept between builds. */
  cacheDir: string;
  /** Which editions to make besides the website (all by default; a quick preview or a benchmark may skip some). */
  formats: ReadonlySet<OptionalFormat>;
  /** The live preview's quick page: only this report's web page is made (see build-site.ts). */
  onlyReport?: string;
}

export const OPTIONAL_FORMATS = ['print', 'easy-read', 'audio', 'braille', 'epub'] as const;
export type OptionalFormat = (typeof OPTIONAL_FORMATS)[number];

const holder = processWide<{ current?: BuildContext }>('build-context', () => ({}));

export function setBuildContext(context: BuildContext | undefined): void {
  holder.current = context;
}

export function buildContext(): BuildContext {
  return (
    holder.current ?? {
      contentDir: process.env.REPORTS_CONTENT_DIR || 'content',
      includeDrafts: process.env.REPORTS_INCLUDE_DRAFTS === '1',
      log: (line) => console.log(line),
      cacheDir: process.env.REPORTS_CACHE_DIR || path.join(PROJECT_ROOT, '.cache'),
      formats: new Set(OPTIONAL_FORMATS),
    }
  );
}

/** Where cleaned SVG pictures are kept: the content checks and every edition use the cleaned copy. */
export function pictureCache(): string {
  return path.join(buildContext().cacheDir, 'safe-svg');
}
