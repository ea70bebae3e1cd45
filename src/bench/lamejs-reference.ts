/**
 * The MP3 encoder the audio used before (lamejs, LAME ported to JavaScript), kept only so the benchmark can show the
 * WebAssembly encoder's saving against it in the same run.
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import type { Pcm } from '../formats/audio/voices/wav.ts';
import { joinChunks } from '../formats/audio/encode-mp3.ts';

export function encodeMp3WithLamejs(pcm: Pcm, kbps: number): Uint8Array {
  const encoder = new Mp3Encoder(1, pcm.sampleRate, kbps);
  const chunks: Uint8Array[] = [];
  const block = 1152 * 64;
  for (let i = 0; i < pcm.samples.length; i += block)
    chunks.push(encoder.encodeBuffer(pcm.samples.subarray(i, i + block)));
  chunks.push(encoder.flush());
  return joinChunks(chunks);
}
