/** Choosing a voice per language, and site.yml's speech.voices checked with messages an editor can act on. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { voiceFor } from '../../../../src/formats/audio/voices/voice.ts';
import { readDataFile, siteSchema } from '../../../../src/report/site-data.ts';
import { messages } from '../../../helpers.ts';

const SITE =
  'url: https://example.org/\naccessibility:\n  status: fully\n  prepared: 2025-01-01\n  reviewed: 2025-01-01\n  testedBy: Us.\nspeech:\n  voices:\n';
const F = 'content/_data/site.yml';

const voices = suite('voices');
voices('English is read by Flite rms, other languages by eSpeak NG, unless the settings say otherwise', () => {
  assert.equal(voiceFor('en-GB'), { engine: 'flite', voice: 'rms' });
  assert.equal(voiceFor('en'), { engine: 'flite', voice: 'rms' });
  assert.equal(voiceFor('cy'), { engine: 'espeak', voice: 'cy' });
  assert.equal(voiceFor('fr-CA'), { engine: 'espeak', voice: 'fr' });
  assert.equal(voiceFor('en-GB', { en: { engine: 'flite', voice: 'slt' } }), { engine: 'flite', voice: 'slt' });
  // The exact tag wins over the language.
  assert.equal(voiceFor('en-US', { en: { engine: 'flite', voice: 'slt' }, 'en-US': { engine: 'espeak' } }), {
    engine: 'espeak',
    voice: 'en-us',
  });
  assert.equal(voiceFor('cy', { cy: { engine: 'command', command: ['piper', '-f', '{output}'] } }), {
    engine: 'command',
    command: ['piper', '-f', '{output}'],
  });
});
voices('site.yml: a voice setting is checked, with the line and what to write', () => {
  const ok = readDataFile(`${SITE}    en:\n      engine: command\n      command: flite -o {output}\n`, F, siteSchema);
  assert.equal(ok.problems, []);
  assert.equal(ok.data?.speech.voices.en, { engine: 'command', command: ['flite', '-o', '{output}'] });
  assert.equal(
    messages(readDataFile(`${SITE}    en:\n      engine: flite\n      voice: bob\n`, F, siteSchema).problems),
    [
      `${F}:11: "speech.voices.en.voice" must be one of Flite's voices: awb, slt, rms, kal, kal16 — correct it (see docs/editors-guide.md#data-files)`,
    ],
  );
  assert.match(
    messages(
      readDataFile(`${SITE}    en:\n      engine: command\n      command: piper --model voice.onnx\n`, F, siteSchema)
        .problems,
    )[0]!,
    `${F}:11: "speech.voices.en.command" must include {output} where the program writes its WAV file`,
  );
  assert.match(
    messages(readDataFile(`${SITE}    en:\n      engine: festival\n`, F, siteSchema).problems)[0]!,
    'must say which engine reads it: engine: flite, engine: espeak or engine: command',
  );
  assert.match(
    messages(readDataFile(`${SITE}    english:\n      engine: flite\n`, F, siteSchema).problems)[0]!,
    'must be a language tag such as en, en-GB or cy',
  );
});
voices.run();
