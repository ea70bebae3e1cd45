/**
 * MP3 encoding with LAME compiled to WebAssembly (npm wasm-media-encoders): about a quarter of the CPU of the
 * JavaScript port we used before (lamejs), which made encoding the slowest step of the audio. Mono, constant bit rate.
 */
import { createMp3Encoder } from 'wasm-media-encoders';
import type { Pcm } from './voices/wav.ts';

/** Bit rates LAME accepts for constant-bit-rate MP3. */
type Kbps = 8 | 16 | 24 | 32 | 40 | 48 | 64 | 80 | 96 | 112 | 128 | 160 | 192 | 224 | 256 | 320;
type SampleRate = 8000 | 11025 | 12000 | 16000 | 22050 | 24000 | 32000 | 44100 | 48000;

/** Samples handed to the encoder at a time: the encoder's output lives in its own memory until the next call. */
const BLOCK = 1152 * 64;

/**
 * One encoder per thread. createMp3Encoder compiles LAME's WebAssembly each time (about a tenth of a second), which
 * dominated when each paragraph became its own MP3; configure() starts a fresh stream in the same instance.
 */
let shared: ReturnType<typeof createMp3Encoder> | undefined;

export async function encodeMp3(pcm: Pcm, kbps: Kbps): Promise<Uint8Array> {
  shared ??= createMp3Encoder();
  const encoder = await shared;
  encoder.configure({
    channels: 1,
    sampleRate: pcm.sampleRate,
    bitrate: kbps,
    outputSampleRate: pcm.sampleRate as SampleRate,
  });
  const chunks: Uint8Array[] = [];
  const block = new Float32Array(BLOCK);
  for (let i = 0; i < pcm.samples.length; i += BLOCK) {
    const part = pcm.samples.subarray(i, i + BLOCK);
    for (let k = 0; k < part.length; k++) block[k] = part[k]! / 32768;
    // slice(): what encode() returns is a view into the encoder's memory, overwritten by the next call.
    chunks.push(encoder.encode([block.subarray(0, part.length)]).slice());
  }
  chunks.push(encoder.finalize().slice());
  return joinChunks(chunks);
}

/** An encoder's output pieces as one file. */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
