/**
 * Loudness of speech (audiobook practice, ../shared/FORMATS.md): RMS about −20 dBFS, peaks below −3 dBFS, mono. Each
 * sentence is trimmed of the engine's own silence and levelled on its own, so a sentence's sound does not depend on
 * its neighbours and can be cached alone.
 */

export const LEVEL = {
  /** Target loudness of the speech, dBFS RMS. */
  targetRmsDb: -20,
  /** No peak above this, dBFS. */
  peakCeilingDb: -3,
};

/** MP3 bit rate for mono speech. */
export const SPEECH_KBPS = 48 as const;

export interface Level {
  rmsDb: number;
  peakDb: number;
}

/** Running sums, so a recording's level can be added up from its parts. */
export interface LevelSums {
  squares: number;
  count: number;
  peak: number;
}

/** Below this (about −60 dBFS) a sample is silence: loudness meters gate quiet parts out, and so do we. */
const SILENCE = 0.001;

export function levelSums(samples: Int16Array): LevelSums {
  let squares = 0;
  let count = 0;
  let peak = 0;
  for (const s of samples) {
    const v = s / 32768;
    if (Math.abs(v) > SILENCE) {
      squares += v * v;
      count++;
    }
    peak = Math.max(peak, Math.abs(v));
  }
  return { squares, count, peak };
}

export function addSums(a: LevelSums, b: LevelSums): LevelSums {
  return { squares: a.squares + b.squares, count: a.count + b.count, peak: Math.max(a.peak, b.peak) };
}

export function levelOf(sums: LevelSums): Level {
  const rms = Math.sqrt(sums.squares / Math.max(1, sums.count));
  return { rmsDb: 20 * Math.log10(rms || 1e-9), peakDb: 20 * Math.log10(sums.peak || 1e-9) };
}

export function measureLevel(samples: Int16Array): Level {
  return levelOf(levelSums(samples));
}

/** The engine's leading and trailing silence removed, keeping a few milliseconds so no sound is clipped. */
export function trimSilence(samples: Int16Array, sampleRate: number): Int16Array {
  const threshold = 0.01 * 32768;
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]!) < threshold) start++;
  while (end > start && Math.abs(samples[end - 1]!) < threshold) end--;
  const margin = Math.round(sampleRate * 0.03);
  return samples.subarray(Math.max(0, start - margin), Math.min(samples.length, end + margin));
}

/**
 * One gain for the whole sound, to the target RMS; then a soft limiter (tanh above a knee 6 dB under the ceiling) so
 * that no peak passes the ceiling. Speech peaks are brief plosives: bending only them is inaudible, where lowering the
 * whole recording to fit its loudest click would leave it too quiet.
 */
export function levelled(
  samples: Int16Array,
  targetRmsDb = LEVEL.targetRmsDb,
  peakCeilingDb = LEVEL.peakCeilingDb,
): Int16Array {
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
