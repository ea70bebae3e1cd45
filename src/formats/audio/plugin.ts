/**
 * The audio format as an Eleventy plugin: for every report, a narrator's script, SSML, and an MP3 with chapters,
 * listed in the "Other formats" box and formats.json, and an audio page (/reports/<slug>/audio/) with a player, the
 * chapters, downloads and the full transcript.
 */
import type { UserConfig } from '@11ty/eleventy';
import { prepareSite } from '../../report/prepare-site.ts';
import type { OptionalFormat } from '../../build/build-context.ts';
import { spoken } from './speakable.ts';
import { audioDefaults, makeAudio, minutesLabel } from './make-audio.ts';
import { renderAudioInWorker } from './audio-pool.ts';

export interface AudioPluginOptions {
  contentDir: string;
  includeDrafts?: boolean;
  cacheDir: string;
  log?: (line: string) => void;
  formats?: ReadonlySet<OptionalFormat>;
}

export interface AudioPage {
  slug: string;
  title: string;
  lang: string;
  /** The date the audio last changed: the report's update or publication date. */
  lastmod: string;
  mp3: string;
  duration: string;
  chapters: Array<{ title: string; startSeconds: number; start: string }>;
  downloads: Array<{ href: string; label: string; mediaType: string }>;
  transcript: Array<{ title: string; paragraphs: string[] }>;
}

/** 75.4 → "1:15". */
export function clockTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function reportAudio(eleventyConfig: UserConfig, options: AudioPluginOptions): void {
  let pages: AudioPage[] = [];
  eleventyConfig.on('eleventy.before', async () => {
    const site = await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) });
    const defaults = audioDefaults(options.cacheDir, renderAudioInWorker);
    const run = await makeAudio(site, { ...defaults, log: options.log ?? defaults.log }, options.formats);
    pages = run.reports.map(({ report, script, facts, editions }) => {
      const slug = report.document.slug;
      site.editions.set(slug, [...(site.editions.get(slug) ?? []), ...editions]);
      return {
        slug,
        title: report.document.meta.title,
        lang: report.document.meta.lang,
        lastmod: report.document.meta.updated ?? report.document.meta.published,
        mp3: `../${slug}-audio.mp3`,
        duration: minutesLabel(facts.durationSeconds),
        chapters: facts.chapters.map((c) => ({ ...c, start: clockTime(c.startSeconds) })),
        downloads: editions.map((e) => ({ href: `../${e.entry.href}`, label: e.entry.label, mediaType: e.entry.mediaType })),
        transcript: script.chapters.map((c) => ({ title: c.title, paragraphs: c.paragraphs.map(spoken).filter(Boolean) })),
      };
    });
    site.stats.audioMade = (site.stats.audioMade ?? 0) + run.synthesised;
  });
  eleventyConfig.addGlobalData('audioPages', () => pages);
}
