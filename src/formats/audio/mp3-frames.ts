/**
 * Counting an MP3's frames, to know exactly how long it plays: chapters are encoded separately and joined frame by
 * frame, so each chapter starts where the frames before it end.
 */

const KBPS = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as Record<
  number,
  number[]
>;

/**
 * LAME's delay before the first sound of a stream: 576 samples of encoder delay and 529 of decoder delay. Joined
 * chapters each keep theirs, so a sentence is heard this much after its chapter's frames begin.
 */
export const ENCODER_DELAY_SAMPLES = 576 + 529;

/** Frames and samples of a layer III stream with no ID3 tag in front (what our encoder writes). */
export function mp3Samples(bytes: Uint8Array): { frames: number; samples: number; sampleRate: number } {
  let at = 0;
  let frames = 0;
  let samples = 0;
  let sampleRate = 0;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff || (bytes[at + 1]! & 0xe0) !== 0xe0) throw new Error(`not an MP3 frame at byte ${at}`);
    const version = (bytes[at + 1]! >> 3) & 3;
    const bitrate = (version === 3 ? KBPS.mpeg1 : KBPS.mpeg2)[bytes[at + 2]! >> 4]!;
    sampleRate = RATES[version]![(bytes[at + 2]! >> 2) & 3]!;
    const padding = (bytes[at + 2]! >> 1) & 1;
    const perFrame = version === 3 ? 1152 : 576;
    at += Math.floor(((perFrame / 8) * bitrate * 1000) / sampleRate) + padding;
    frames++;
    samples += perFrame;
  }
  return { frames, samples, sampleRate };
}
