/** eSpeak NG compiled to WebAssembly (npm espeak-ng): every language Flite does not speak. */
import { wavToPcm, type Pcm } from './wav.ts';

/** Words a minute: a little slower than eSpeak's 175, for clarity. */
export const ESPEAK_WORDS_PER_MINUTE = 160;

export async function speakWithEspeak(text: string, voice: string): Promise<Pcm> {
  const quiet = (): void => {};
  // Loaded when first used: most builds speak English with Flite, and each worker starts faster without it.
  const { default: ESpeakNg } = await import('espeak-ng');
  const engine = await ESpeakNg({
    arguments: ['-v', voice, '-s', String(ESPEAK_WORDS_PER_MINUTE), '-w', '/out.wav', '-f', '/in.txt'],
    preRun: [(module) => module.FS.writeFile('/in.txt', text)],
    print: quiet,
    printErr: quiet,
  });
  return wavToPcm(engine.FS.readFile('/out.wav'));
}
