/** WAV files from speech engines, read as 16-bit mono samples. */

export interface Pcm {
  samples: Int16Array;
  sampleRate: number;
}

/**
 * Reads a 16-bit PCM WAV, finding the "fmt " and "data" chunks rather than assuming a 44-byte header. Stereo is mixed
 * down to mono (some programs write two channels of speech).
 */
export function wavToPcm(wav: Uint8Array): Pcm {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const tag = (at: number): string => String.fromCharCode(wav[at]!, wav[at + 1]!, wav[at + 2]!, wav[at + 3]!);
  if (wav.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    throw new Error('the speech engine did not write a WAV file');
  let sampleRate = 22050;
  let channels = 1;
  for (let at = 12; at + 8 <= wav.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') {
      const format = view.getUint16(at + 8, true);
      channels = view.getUint16(at + 10, true);
      sampleRate = view.getUint32(at + 12, true);
      const bits = view.getUint16(at + 22, true);
      if ((format !== 1 && format !== 0xfffe) || bits !== 16)
        throw new Error(
          `the speech engine wrote a WAV file in a format we cannot read (format ${format}, ${bits} bits): it must be 16-bit PCM`,
        );
    }
    if (id === 'data') {
      // Engines that stream their WAV may leave the size as 0 or too large: take what is there.
      const end = size === 0 || at + 8 + size > wav.length ? wav.length : at + 8 + size;
      const frame = 2 * channels;
      const bytes = wav.slice(at + 8, end - ((end - at - 8) % frame));
      const all = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
      if (channels === 1) return { samples: all, sampleRate };
      const mono = new Int16Array(all.length / channels);
      for (let i = 0; i < mono.length; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) sum += all[i * channels + c]!;
        mono[i] = Math.round(sum / channels);
      }
      return { samples: mono, sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('the WAV file from the speech engine has no sound data');
}
