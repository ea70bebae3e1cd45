/** One sentence spoken by a voice, whatever its engine. */
import type { Voice } from './voice.ts';
import type { Pcm } from './wav.ts';
import { speakWithFlite } from './flite.ts';
import { speakWithEspeak } from './espeak.ts';
import { speakWithCommand } from './command.ts';

export function speakSentence(text: string, voice: Voice): Promise<Pcm> {
  switch (voice.engine) {
    case 'flite':
      return speakWithFlite(text, voice.voice);
    case 'espeak':
      return speakWithEspeak(text, voice.voice);
    case 'command':
      return speakWithCommand(text, voice.command);
  }
}
