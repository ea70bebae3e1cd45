/**
 * How well a listener could follow each voice, with an offline speech recogniser standing in for an untrained
 * listener: Debian's pocketsphinx (US English acoustic model). Each voice speaks a fixed paragraph and the example
 * report's "About the research" chapter, sentence by sentence as the build does; the recogniser's transcript is scored
 * against the words as written. The recogniser favours natural voices over formant ones: read the figures as a
 * ranking, not a verdict.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { prepareSite } from '../report/prepare-site.ts';
import { toAudioScript } from '../formats/audio/script.ts';
import { toSentences, type Sentence } from '../formats/audio/sentences.ts';
import { speakSentence } from '../formats/audio/voices/speak.ts';
import { levelled, trimSilence } from '../formats/audio/level.ts';
import { voiceName, FLITE_VOICES, type Voice } from '../formats/audio/voices/voice.ts';
import type { Pcm } from '../formats/audio/voices/wav.ts';
import { applyPronunciations, speakableText } from '../formats/audio/speakable.ts';
import { wordErrorRate } from './word-error-rate.ts';

const run = promisify(execFile);

/** Written for this test: plain health-services prose of the kind our reports carry (169 words). */
export const FIXED_PARAGRAPH = [
  'Many people told us that getting an appointment with their doctor was the hardest part of using local health services.',
  'Some waited on the phone every morning for a week before they spoke to anyone.',
  'Others gave up and went to the accident and emergency department instead, even though they knew it was not an emergency.',
  'Carers said that they often had to explain the same things again and again, because each professional they met had not read the notes from the last visit.',
  'Several parents wanted clearer information about what would happen after a referral, and how long they might have to wait.',
  'People who do not speak English as their first language found it especially difficult to book an interpreter in time.',
  'Almost everyone agreed that kind and patient staff made a real difference, and that being listened to helped them feel in control of their own care.',
  'We have shared these findings with the people who plan and pay for local services.',
].join(' ');

export const RECOGNISER = 'pocketsphinx_continuous';
/** The recogniser's acoustic model expects 16 kHz mono. */
const RECOGNISER_RATE = 16000;

/** Linear resampling: enough for a recogniser's 16 kHz input from an engine's 22,050 Hz. */
export function resample(pcm: Pcm, rate: number): Pcm {
  if (pcm.sampleRate === rate) return pcm;
  const length = Math.floor((pcm.samples.length * rate) / pcm.sampleRate);
  const out = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const at = (i * pcm.sampleRate) / rate;
    const low = Math.floor(at);
    const high = Math.min(low + 1, pcm.samples.length - 1);
    out[i] = Math.round(pcm.samples[low]! + (pcm.samples[high]! - pcm.samples[low]!) * (at - low));
  }
  return { samples: out, sampleRate: rate };
}

export function wavFile(pcm: Pcm): Buffer {
  const data = Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(pcm.sampleRate, 24);
  header.writeUInt32LE(pcm.sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Sentences spoken as the build speaks them (trimmed, levelled), with half a second between them. */
async function speakAll(sentences: readonly Pick<Sentence, 'said'>[], voice: Voice): Promise<Pcm> {
  const parts: Int16Array[] = [];
  let rate = 0;
  for (const sentence of sentences) {
    const raw = await speakSentence(sentence.said, voice);
    const pcm = resample(
      { sampleRate: raw.sampleRate, samples: levelled(trimSilence(raw.samples, raw.sampleRate)) },
      RECOGNISER_RATE,
    );
    rate = pcm.sampleRate;
    parts.push(pcm.samples, new Int16Array(rate / 2));
  }
  const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { samples, sampleRate: rate };
}

async function recognise(pcm: Pcm, dir: string): Promise<string> {
  const file = path.join(dir, 'speech.wav');
  await writeFile(file, wavFile(pcm));
  const { stdout } = await run(RECOGNISER, ['-infile', file, '-logfn', '/dev/null'], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.replace(/\s+/g, ' ').trim();
}

export interface Passage {
  name: string;
  written: string;
  sentences: Array<Pick<Sentence, 'said'>>;
}

export interface VoiceScore {
  voice: string;
  passage: string;
  rate: number;
  errors: number;
  words: number;
  audioSeconds: number;
  heard: string;
}

/** The fixed paragraph, and the example report's "About the research" chapter, with and without pronunciations. */
export async function passages(contentDir: string, options: { pronunciations: boolean }): Promise<Passage[]> {
  const site = await prepareSite(contentDir);
  const report = site.reports[0]!;
  const pronunciations = options.pronunciations ? site.settings.speech.pronunciations : {};
  const script = toAudioScript(report.document, { organisation: site.organisation, otherFormats: [], pronunciations });
  const chapter = toSentences(script).find((c) => c.title === 'About the research') ?? toSentences(script)[1]!;
  const sentences = chapter.paragraphs.flat();
  const fixed = toSentences({
    title: 'Fixed',
    lang: 'en-GB',
    chapters: [{ title: 'Fixed', paragraphs: [applyPronunciations(speakableText(FIXED_PARAGRAPH), pronunciations)] }],
  })[0]!.paragraphs.flat();
  return [
    { name: 'fixed paragraph', written: FIXED_PARAGRAPH, sentences: fixed },
    { name: `"${chapter.title}"`, written: sentences.map((s) => s.written).join(' '), sentences },
  ];
}

export async function scoreVoices(
  voices: readonly Voice[],
  texts: readonly Passage[],
  log: (line: string) => void,
): Promise<VoiceScore[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-speech-'));
  const scores: VoiceScore[] = [];
  try {
    for (const voice of voices) {
      for (const passage of texts) {
        log(`  ${voiceName(voice)}: ${passage.name}…`);
        const pcm = await speakAll(passage.sentences, voice);
        const heard = await recognise(pcm, dir);
        scores.push({
          voice: voiceName(voice),
          passage: passage.name,
          ...wordErrorRate(passage.written, heard),
          audioSeconds: pcm.samples.length / pcm.sampleRate,
          heard,
        });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return scores;
}

/** Every voice this machine has: Flite's built-in ones, eSpeak NG's English, and Debian's flite if installed. */
export function availableVoices(hasDebianFlite: boolean): Voice[] {
  return [
    ...FLITE_VOICES.map((voice): Voice => ({ engine: 'flite', voice })),
    { engine: 'espeak', voice: 'en-gb' },
    ...(hasDebianFlite ? [{ engine: 'command', command: ['flite', '-voice', 'awb', '-o', '{output}'] } as Voice] : []),
  ];
}
