/**
 * Plans every report's audio edition: the script (text), its SSML, and the MP3 with chapters. The MP3 is cached by a
 * hash of what the speech engine reads and the voice and encoder settings: an unchanged script is never synthesised
 * again. Jobs run in worker threads, within the core count, with progress.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { writeAtomically } from '../../build/write-atomically.ts';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { PreparedSite } from '../../report/prepare-site.ts';
import type { ParsedReport } from '../../report/parse-report.ts';
import type { PublishedEdition } from '../manifest.ts';
import { mapWithConcurrency } from '../../build/concurrency.ts';
import { OPTIONAL_FORMATS, type OptionalFormat } from '../../build/build-context.ts';
import { editionsInWords } from '../available.ts';
import { progress } from '../../build/progress.ts';
import { fileSize } from '../site/filters.ts';
import { toAudioScript, type AudioScript } from './script.ts';
import { engineInput, renderScriptText, renderSsml } from './render-script.ts';
import { VOICE_DEFAULTS } from './synthesize.ts';
import type { AudioJob, AudioResult } from './render-audio.ts';

const require = createRequire(import.meta.url);
/** Bumped when the audio pipeline changes in a way the inputs do not show. */
const AUDIO_VERSION = 1;

export interface AudioOptions {
  cacheDir: string;
  concurrency: number;
  render: (job: AudioJob) => Promise<AudioResult>;
  log: (line: string) => void;
}

export interface AudioFacts {
  durationSeconds: number;
  chapters: Array<{ title: string; startSeconds: number }>;
  level: { rmsDb: number; peakDb: number };
}

export interface ReportAudio {
  report: ParsedReport;
  script: AudioScript;
  transcript: string;
  facts: AudioFacts;
  editions: PublishedEdition[];
}

export interface AudioRun {
  reports: ReportAudio[];
  synthesised: number;
  reused: number;
  /** Seconds of synthesis and of encoding, over the jobs that ran. */
  synthesisSeconds: number;
  encodingSeconds: number;
  words: number;
}

/** "5 minutes 42 seconds" → for labels: "6 minutes". */
export function minutesLabel(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** A package's version, found from its entry point (not every package exports its package.json). */
function packageVersion(name: string): string {
  for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const info = require(path.join(dir, 'package.json')) as { name?: string; version?: string };
      if (info.name === name) return info.version ?? '?';
    } catch {
      // keep looking further up
    }
  }
  return '?';
}

function engineIdentity(): string {
  const version = packageVersion;
  return `espeak-ng@${version('espeak-ng')}|wasm-media-encoders@${version('wasm-media-encoders')}|${JSON.stringify(VOICE_DEFAULTS)}|v${AUDIO_VERSION}`;
}


export async function makeAudio(site: PreparedSite, options: AudioOptions, formats: ReadonlySet<OptionalFormat> = new Set(OPTIONAL_FORMATS)): Promise<AudioRun> {
  await mkdir(options.cacheDir, { recursive: true });
  const identity = engineIdentity();
  const planned = site.reports.map((report) => {
    const doc = report.document;
    const script = toAudioScript(doc, { organisation: site.organisation, otherFormats: editionsInWords(report, formats, 'audio'), pronunciations: site.settings.speech.pronunciations });
    const job: AudioJob = { title: doc.meta.title, artist: site.organisation.name, lang: doc.meta.lang, chapters: script.chapters.map((c) => ({ title: c.title, ssml: engineInput(c, doc.meta.lang) })) };
    const key = createHash('sha256').update(identity).update(JSON.stringify(job)).digest('hex').slice(0, 32);
    return { report, script, job, key, base: path.join(options.cacheDir, key) };
  });
  const cached = new Map<string, AudioFacts>();
  for (const plan of planned) {
    try {
      await stat(`${plan.base}.mp3`);
      cached.set(plan.key, JSON.parse(await readFile(`${plan.base}.json`, 'utf8')) as AudioFacts);
    } catch {
      // not cached yet
    }
  }
  const toRender = planned.filter((p) => !cached.has(p.key));
  let synthesisSeconds = 0;
  let encodingSeconds = 0;
  if (toRender.length) {
    const bar = progress('Making audio', toRender.length, options.log);
    await mapWithConcurrency(toRender, options.concurrency, async (plan) => {
      const result = await options.render(plan.job);
      synthesisSeconds += result.synthesisSeconds;
      encodingSeconds += result.encodingSeconds;
      const facts: AudioFacts = { durationSeconds: result.durationSeconds, chapters: result.chapters, level: result.level };
      await writeAtomically(`${plan.base}.mp3`, result.mp3);
      await writeAtomically(`${plan.base}.json`, JSON.stringify(facts));
      cached.set(plan.key, facts);
      bar.done();
    });
    bar.finish(`Audio: made ${toRender.length}, reused ${planned.length - toRender.length}`);
  } else if (planned.length) {
    options.log(`Audio: made 0, reused ${planned.length} (nothing changed)`);
  }

  const reports: ReportAudio[] = [];
  let words = 0;
  for (const plan of planned) {
    const slug = plan.report.document.slug;
    const facts = cached.get(plan.key)!;
    const text = renderScriptText(plan.script, { directions: true });
    const ssml = renderSsml(plan.script);
    const transcript = renderScriptText(plan.script, { directions: false });
    words += (transcript.match(/\S+/g) ?? []).length;
    const textFile = `${plan.base}.txt`;
    const ssmlFile = `${plan.base}.ssml`;
    await writeAtomically(textFile, text);
    await writeAtomically(ssmlFile, ssml);
    const mp3Bytes = (await stat(`${plan.base}.mp3`)).size;
    reports.push({
      report: plan.report,
      script: plan.script,
      transcript,
      facts,
      editions: [
        {
          entry: {
            kind: 'audio-mp3', href: `${slug}-audio.mp3`, label: `Audio, MP3, ${minutesLabel(facts.durationSeconds)}`, mediaType: 'audio/mpeg',
            bytes: mp3Bytes, durationSeconds: facts.durationSeconds, chapters: facts.chapters, page: 'audio/',
          },
          source: `${plan.base}.mp3`,
        },
        { entry: { kind: 'audio-script', href: `${slug}-audio-script.txt`, label: `Audio script (text, ${fileSize(Buffer.byteLength(text))})`, mediaType: 'text/plain' }, source: textFile },
        { entry: { kind: 'audio-ssml', href: `${slug}-audio.ssml`, label: `Audio script for speech software (SSML, ${fileSize(Buffer.byteLength(ssml))})`, mediaType: 'application/ssml+xml' }, source: ssmlFile },
      ],
    });
  }
  return { reports, synthesised: toRender.length, reused: planned.length - toRender.length, synthesisSeconds, encodingSeconds, words };
}

export function audioDefaults(cacheRoot: string, render: AudioOptions['render']): AudioOptions {
  return { cacheDir: path.join(cacheRoot, 'audio'), concurrency: os.availableParallelism(), render, log: (line) => console.log(line) };
}
