/**
 * One report's audio: each chapter spoken, joined, levelled, encoded to MP3, and tagged with ID3v2 chapter frames
 * (a CHAP per chapter and a CTOC listing them) so players can jump between sections. Pure of the file system: bytes
 * in, bytes out, so it can run in a worker thread.
 */
import NodeID3 from 'node-id3';
import { levelled, measureLevel, speak, VOICE_DEFAULTS, type Level } from './synthesize.ts';
import { encodeMp3 } from './encode-mp3.ts';

export interface AudioJob {
  title: string;
  artist: string;
  lang: string;
  chapters: Array<{ title: string; ssml: string }>;
}

export interface AudioResult {
  mp3: Uint8Array;
  durationSeconds: number;
  chapters: Array<{ title: string; startSeconds: number }>;
  level: Level;
  synthesisSeconds: number;
  encodingSeconds: number;
}

export async function renderAudio(job: AudioJob): Promise<AudioResult> {
  const started = performance.now();
  const parts = [];
  for (const chapter of job.chapters) parts.push(await speak(chapter.ssml, job.lang));
  const sampleRate = parts[0]?.sampleRate ?? 22050;
  const total = parts.reduce((n, p) => n + p.samples.length, 0);
  const joined = new Int16Array(total);
  const chapters: AudioResult['chapters'] = [];
  let at = 0;
  parts.forEach((part, i) => {
    chapters.push({ title: job.chapters[i]!.title, startSeconds: Math.round((at / sampleRate) * 1000) / 1000 });
    joined.set(part.samples, at);
    at += part.samples.length;
  });
  const synthesised = performance.now();
  const samples = levelled(joined);
  const encoded = await encodeMp3({ samples, sampleRate }, VOICE_DEFAULTS.kbps);
  const durationSeconds = total / sampleRate;
  const ms = (seconds: number): number => Math.round(seconds * 1000);
  const ends = chapters.map((_, i) => chapters[i + 1]?.startSeconds ?? durationSeconds);
  const tagged = NodeID3.write(
    {
      title: job.title,
      artist: job.artist,
      language: job.lang,
      chapter: chapters.map((c, i) => ({ elementID: `chp${i}`, startTimeMs: ms(c.startSeconds), endTimeMs: ms(ends[i]!), tags: { title: c.title } })),
      tableOfContents: [{ elementID: 'toc', isOrdered: true, elements: chapters.map((_, i) => `chp${i}`), tags: { title: job.title } }],
    },
    Buffer.from(encoded),
  );
  return {
    mp3: new Uint8Array(tagged),
    durationSeconds: Math.round(durationSeconds * 1000) / 1000,
    chapters,
    level: measureLevel(samples),
    synthesisSeconds: (synthesised - started) / 1000,
    encodingSeconds: (performance.now() - synthesised) / 1000,
  };
}
