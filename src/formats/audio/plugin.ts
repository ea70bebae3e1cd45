/**
 * The audio format as an Eleventy plugin: for every report, a narrator's script, SSML, and an MP3 with chapters,
 * listed in the "Other formats" box and formats.json, and an audio page (/reports/<slug>/audio/) with a player, the
 * chapters, downloads and the full transcript.
 */
import type { UserConfig } from '@11ty/eleventy';
import { prepareSite, type PreparedSite, type ReportRecording } from '../../report/prepare-site.ts';
import { voiceFor, voiceName } from './voices/voice.ts';
import type { OptionalFormat } from '../../build/build-context.ts';
import { audioDefaults, makeAudio, minutesLabel, type MadeRecording } from './make-audio.ts';
import { cuesByAnchor } from './sentences.ts';
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
  /** Read-along timings (WebVTT), one cue per sentence. */
  vtt: string;
  /** The transcript: chapters of paragraphs of sentences, each with its cue id. */
  transcript: Array<{ title: string; paragraphs: Array<Array<{ cue: string; text: string }>> }>;
}

/** The easy-read page's recording: the page's own points follow it (anchor → cue ids, see easy-read-script.ts). */
export interface EasyReadAudio {
  mp3: string;
  vtt: string;
  duration: string;
  chapters: Array<{ title: string; startSeconds: number; start: string }>;
  cues: Record<string, string>;
}

function chaptersOf(made: MadeRecording): AudioPage['chapters'] {
  return made.facts.chapters.map((c) => ({ ...c, start: clockTime(c.startSeconds) }));
}

/** A recording's file of one kind, as a link from a page one folder below the report's (audio/, easy-read/). */
function fileOf(made: MadeRecording, suffix: 'mp3' | 'vtt'): string {
  return `../${made.editions.find((e) => e.entry.kind.endsWith(`-${suffix}`))!.entry.href}`;
}

/** What formats that follow the recording need of it (the EPUB's media overlays). */
function recordingOf(made: MadeRecording, site: PreparedSite): ReportRecording {
  const mp3 = made.editions.find((e) => e.entry.kind === 'audio-mp3')!.source!;
  const voice = voiceFor(made.script.lang, site.settings.speech.voices);
  return { mp3, sentences: made.sentences, cues: made.facts.cues, narrator: `${voiceName(voice)}, a synthetic voice` };
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
  let easyReads: Record<string, EasyReadAudio> = {};
  eleventyConfig.on('eleventy.before', async () => {
    const site = await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) });
    const defaults = audioDefaults(options.cacheDir, renderAudioInWorker);
    const run = await site.milestones.run('audio', async () => {
      const made = await makeAudio(site, { ...defaults, log: options.log ?? defaults.log }, options.formats);
      for (const recording of made.reports)
        site.recordings.set(recording.report.document.slug, recordingOf(recording, site));
      return made;
    });
    for (const made of [...run.reports, ...run.easyReads]) {
      const slug = made.report.document.slug;
      site.editions.set(slug, [...(site.editions.get(slug) ?? []), ...made.editions]);
    }
    easyReads = Object.fromEntries(
      run.easyReads.map((made) => {
        const slug = made.report.document.slug;
        return [
          slug,
          {
            mp3: fileOf(made, 'mp3'),
            vtt: fileOf(made, 'vtt'),
            duration: minutesLabel(made.facts.durationSeconds),
            chapters: chaptersOf(made),
            cues: cuesByAnchor(made.sentences),
          },
        ];
      }),
    );
    pages = run.reports.map((made) => {
      const { report, facts, editions } = made;
      const slug = report.document.slug;
      return {
        slug,
        title: report.document.meta.title,
        lang: report.document.meta.lang,
        lastmod: report.document.meta.updated ?? report.document.meta.published,
        mp3: fileOf(made, 'mp3'),
        duration: minutesLabel(facts.durationSeconds),
        vtt: fileOf(made, 'vtt'),
        chapters: chaptersOf(made),
        downloads: editions.map((e) => ({
          href: `../${e.entry.href}`,
          label: e.entry.label,
          mediaType: e.entry.mediaType,
        })),
        transcript: made.sentences.map((c) => ({
          title: c.title,
          paragraphs: c.paragraphs.map((p) => p.map((s) => ({ cue: s.id, text: s.written }))),
        })),
      };
    });
    site.stats.audioMade = (site.stats.audioMade ?? 0) + run.synthesised;
  });
  eleventyConfig.addGlobalData('audioPages', () => pages);
  eleventyConfig.addGlobalData('easyReadAudio', () => easyReads);
}
