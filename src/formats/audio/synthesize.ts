/**
 * Speech, offline: eSpeak NG compiled to WebAssembly (npm espeak-ng; no system package, no network) reads each
 * chapter's SSML; the samples are levelled here and encoded to MP3 by encode-mp3.ts.
 *
 * Level (audiobook practice, ../shared/FORMATS.md): RMS about −20 dBFS, peaks below −3 dBFS, mono is fine for speech.
 */
import ESpeakNg from 'espeak-ng';

export const VOICE_DEFAULTS = {
  /** Words a minute: a little slower than eSpeak's 175, for clarity. */
  wordsPerMinute: 160,
  /** Target loudness of the speech, dBFS RMS. */
  targetRmsDb: -20,
  /** No peak above this, dBFS. */
  peakCeilingDb: -3,
  /** MP3 bit rate for mono speech at eSpeak's 22,050 Hz. */
  kbps: 48 as const,
};

/** eSpeak NG voice for a language tag: "en-GB" → "en-gb", "cy" → "cy". */
export function voiceFor(lang: string): string {
  const lower = lang.toLowerCase();
  return lower.startsWith('en') ? (lower === 'en-us' ? 'en-us' : 'en-gb') : lower.split('-')[0]!;
}

export interface Pcm {
  samples: Int16Array;
  sampleRate: number;
}

/** Reads a 16-bit mono PCM WAV (what eSpeak writes), finding the "data" chunk rather than assuming 44 bytes. */
export function wavToPcm(wav: Uint8Array): Pcm {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const tag = (at: number): string => String.fromCharCode(wav[at]!, wav[at + 1]!, wav[at + 2]!, wav[at + 3]!);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('the speech engine did not write a WAV file');
  let sampleRate = 22050;
  for (let at = 12; at + 8 <= wav.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') sampleRate = view.getUint32(at + 12, true);
    if (id === 'data') {
      // eSpeak streams its WAV and may leave the size as 0 or too large: take what is there.
      const end = size === 0 || at + 8 + size > wav.length ? wav.length : at + 8 + size;
      const bytes = wav.slice(at + 8, end - ((end - at - 8) % 2));
      return { samples: new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2), sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('the WAV file from the speech engine has no sound data');
}

export async function speak(ssml: string, lang: string, wordsPerMinute = VOICE_DEFAULTS.wordsPerMinute): Promise<Pcm> {
  const quiet = (): void => {};
  const engine = await ESpeakNg({
    arguments: ['-m', '-v', voiceFor(lang), '-s', String(wordsPerMinute), '-w', '/out.wav', '-f', '/in.ssml'],
    preRun: [(module) => module.FS.writeFile('/in.ssml', ssml)],
    print: quiet,
    printErr: quiet,
  });
  return wavToPcm(engine.FS.readFile('/out.wav'));
}

export interface Level { rmsDb: number; peakDb: number }

export function measureLevel(samples: Int16Array): Level {
  let sum = 0;
  let peak = 0;
  let count = 0;
  for (const s of samples) {
    const v = s / 32768;
    // Silence (pauses) would drag the RMS down: measure the speech, as loudness meters gate quiet parts.
    if (Math.abs(v) > 0.001) {
      sum += v * v;
      count++;
    }
    peak = Math.max(peak, Math.abs(v));
  }
  const rms = Math.sqrt(sum / Math.max(1, count));
  return { rmsDb: 20 * Math.log10(rms || 1e-9), peakDb: 20 * Math.log10(peak || 1e-9) };
}

/**
 * One gain for the whole recording, to the target RMS; then a soft limiter (tanh above a knee 6 dB under the
 * ceiling) so that no peak passes the ceiling. Speech peaks are brief plosives: bending only them is inaudible, where
 * lowering the whole recording to fit its loudest click would leave it too quiet.
 */
export function levelled(samples: Int16Array, targetRmsDb = VOICE_DEFAULTS.targetRmsDb, peakCeilingDb = VOICE_DEFAULTS.peakCeilingDb): Int16Array {
  const gain = 10 ** ((targetRmsDb - measureLevel(samples).rmsDb) / 20);
  const ceiling = 10 ** ((peakCeilingDb - 0.1) / 20);
  const knee = ceiling / 2;
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const x = (samples[i]! / 32768) * gain;
    const size = Math.abs(x);
    const y = size <= knee ? x : Math.sign(x) * (knee + (ceiling - knee) * Math.tanh((size - knee) / (ceiling - knee)));
    out[i] = Math.round(y * 32767);
  }
  return out;
}

