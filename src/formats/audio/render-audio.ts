/**
 * One recording (a report's, or an easy-read edition's), sentence by sentence:
 * - each sentence is spoken alone, trimmed and levelled, and cached by the hash of its text and voice;
 * - each paragraph is its sentences with the script's silences between them, encoded to MP3 and cached by the hash
 *   of its sentences, so an edit re-encodes one paragraph;
 * - the paragraphs' frames are joined (MP3 frames concatenate; each paragraph starts with silence, so the joins are
 *   silent), with each sentence's start and end time (for WebVTT) and ID3v2 chapter frames.
 * Pure of anything but its cache folder, so it runs in a worker thread.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import NodeID3 from 'node-id3';
import { writeAtomically } from '../../build/write-atomically.ts';
import {
  addSums,
  levelled,
  levelOf,
  levelSums,
  SPEECH_KBPS,
  trimSilence,
  type Level,
  type LevelSums,
} from './level.ts';
import { encodeMp3, joinChunks } from './encode-mp3.ts';
import { ENCODER_DELAY_SAMPLES, mp3Samples } from './mp3-frames.ts';
import { speakSentence } from './voices/speak.ts';
import type { Voice } from './voices/voice.ts';
import type { Pcm } from './voices/wav.ts';

export interface AudioJob {
  title: string;
  artist: string;
  lang: string;
  voice: Voice;
  /** What identifies the voice's sound: engine, version, voice. Part of every cache key. */
  voiceId: string;
  cacheDir: string;
  chapters: Array<{ title: string; paragraphs: Array<Array<{ id: string; said: string; gapBeforeMs: number }>> }>;
}

export interface Cue {
  id: string;
  startSeconds: number;
  endSeconds: number;
}

export interface AudioResult {
  mp3: Uint8Array;
  durationSeconds: number;
  chapters: Array<{ title: string; startSeconds: number }>;
  cues: Cue[];
  level: Level;
  /** Sentences synthesised in this run, and found in the cache. */
  spoken: number;
  reused: number;
  /** Paragraphs encoded in this run. */
  encoded: number;
  synthesisSeconds: number;
  encodingSeconds: number;
}

/** A paragraph's cached facts: where each sentence sits in its samples, and its loudness sums. */
interface ParagraphFacts {
  sampleRate: number;
  samples: number;
  sentences: Array<{ start: number; end: number }>;
  sums: LevelSums;
}

const hash = (...parts: string[]): string => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

async function readIfThere(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** Cached sentence sound: its sample rate (4 bytes) then 16-bit samples. */
function pcmFile(pcm: Pcm): Uint8Array {
  const out = new Uint8Array(4 + pcm.samples.byteLength);
  new DataView(out.buffer).setUint32(0, pcm.sampleRate, true);
  out.set(new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength), 4);
  return out;
}

function pcmOf(bytes: Buffer): Pcm {
  const copy = new Uint8Array(bytes.subarray(4));
  return { sampleRate: bytes.readUInt32LE(0), samples: new Int16Array(copy.buffer, 0, copy.byteLength / 2) };
}

export async function renderAudio(job: AudioJob): Promise<AudioResult> {
  const sentenceDir = path.join(job.cacheDir, 'sentences');
  const paragraphDir = path.join(job.cacheDir, 'paragraphs');
  await mkdir(sentenceDir, { recursive: true });
  await mkdir(paragraphDir, { recursive: true });
  const tally = { spoken: 0, reused: 0, encoded: 0, synthesisMs: 0, encodingMs: 0 };

  async function sentenceSound(said: string): Promise<Pcm> {
    const file = path.join(sentenceDir, `${hash(job.voiceId, said)}.pcm`);
    const cached = await readIfThere(file);
    if (cached) {
      tally.reused++;
      return pcmOf(cached);
    }
    const started = performance.now();
    const raw = await speakSentence(said, job.voice);
    const pcm = { sampleRate: raw.sampleRate, samples: levelled(trimSilence(raw.samples, raw.sampleRate)) };
    tally.synthesisMs += performance.now() - started;
    tally.spoken++;
    await writeAtomically(file, pcmFile(pcm));
    return pcm;
  }

  async function paragraphSound(
    sentences: AudioJob['chapters'][number]['paragraphs'][number],
  ): Promise<{ mp3: Uint8Array; facts: ParagraphFacts }> {
    const key = hash(job.voiceId, `${SPEECH_KBPS}kbps`, ...sentences.map((s) => `${s.gapBeforeMs}|${s.said}`));
    const base = path.join(paragraphDir, key);
    const [mp3, json] = await Promise.all([readIfThere(`${base}.mp3`), readIfThere(`${base}.json`)]);
    if (mp3 && json) {
      tally.reused += sentences.length;
      return { mp3: new Uint8Array(mp3), facts: JSON.parse(json.toString('utf8')) as ParagraphFacts };
    }
    const sounds: Pcm[] = [];
    for (const sentence of sentences) sounds.push(await sentenceSound(sentence.said));
    const sampleRate = sounds[0]?.sampleRate ?? 16000;
    // The encoder's delay is heard as silence before the paragraph: it is taken from the paragraph's first gap.
    const gaps = sentences.map((s, i) =>
      Math.max(0, Math.round((s.gapBeforeMs / 1000) * sampleRate) - (i === 0 ? ENCODER_DELAY_SAMPLES : 0)),
    );
    const total = sounds.reduce((n, s, i) => n + gaps[i]! + s.samples.length, 0);
    const samples = new Int16Array(total);
    const placed: ParagraphFacts['sentences'] = [];
    let at = 0;
    sounds.forEach((sound, i) => {
      if (sound.sampleRate !== sampleRate)
        throw new Error(
          `the speech engine changed its sample rate mid-recording (${sampleRate} Hz, then ${sound.sampleRate} Hz)`,
        );
      at += gaps[i]!;
      samples.set(sound.samples, at);
      placed.push({ start: at, end: at + sound.samples.length });
      at += sound.samples.length;
    });
    const started = performance.now();
    const encoded = await encodeMp3({ samples, sampleRate }, SPEECH_KBPS);
    tally.encodingMs += performance.now() - started;
    tally.encoded++;
    const facts: ParagraphFacts = { sampleRate, samples: total, sentences: placed, sums: levelSums(samples) };
    await writeAtomically(`${base}.mp3`, encoded);
    await writeAtomically(`${base}.json`, JSON.stringify(facts));
    return { mp3: encoded, facts };
  }

  const chapters: AudioResult['chapters'] = [];
  const cues: Cue[] = [];
  const mp3s: Uint8Array[] = [];
  let sums: LevelSums = { squares: 0, count: 0, peak: 0 };
  let seconds = 0;
  const round = (s: number): number => Math.round(s * 1000) / 1000;
  for (const chapter of job.chapters) {
    const paragraphs = chapter.paragraphs.filter((p) => p.length > 0);
    if (paragraphs.length === 0) continue;
    chapters.push({ title: chapter.title, startSeconds: round(seconds) });
    for (const sentences of paragraphs) {
      const { mp3, facts } = await paragraphSound(sentences);
      const at = (sample: number): number => round(seconds + (ENCODER_DELAY_SAMPLES + sample) / facts.sampleRate);
      sentences.forEach((s, i) =>
        cues.push({ id: s.id, startSeconds: at(facts.sentences[i]!.start), endSeconds: at(facts.sentences[i]!.end) }),
      );
      const frames = mp3Samples(mp3);
      seconds += frames.samples / frames.sampleRate;
      sums = addSums(sums, facts.sums);
      mp3s.push(mp3);
    }
  }
  const durationSeconds = round(seconds);
  const ms = (s: number): number => Math.round(s * 1000);
  const ends = chapters.map((_, i) => chapters[i + 1]?.startSeconds ?? durationSeconds);
  const tagged = NodeID3.write(
    {
      title: job.title,
      artist: job.artist,
      language: job.lang,
      chapter: chapters.map((c, i) => ({
        elementID: `chp${i}`,
        startTimeMs: ms(c.startSeconds),
        endTimeMs: ms(ends[i]!),
        tags: { title: c.title },
      })),
      tableOfContents: [
        { elementID: 'toc', isOrdered: true, elements: chapters.map((_, i) => `chp${i}`), tags: { title: job.title } },
      ],
    },
    Buffer.from(joinChunks(mp3s)),
  );
  return {
    mp3: new Uint8Array(tagged),
    durationSeconds,
    chapters,
    cues,
    level: levelOf(sums),
    spoken: tally.spoken,
    reused: tally.reused,
    encoded: tally.encoded,
    synthesisSeconds: tally.synthesisMs / 1000,
    encodingSeconds: tally.encodingMs / 1000,
  };
}
