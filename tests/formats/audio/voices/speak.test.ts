/**
 * Every engine really speaks: Flite (WebAssembly) and eSpeak NG (WebAssembly) from npm, and the "command" engine with
 * Debian's flite standing in for an organisation's own program (installed by scripts/test-setup.sh). Phone numbers
 * reach every engine as digits said one by one.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { speakSentence } from '../../../../src/formats/audio/voices/speak.ts';
import type { Voice } from '../../../../src/formats/audio/voices/voice.ts';
import { wavToPcm } from '../../../../src/formats/audio/voices/wav.ts';
import { engineText } from '../../../../src/formats/audio/sentences.ts';
import { speakableText } from '../../../../src/formats/audio/speakable.ts';
import { measureLevel } from '../../../../src/formats/audio/level.ts';

const SENTENCE = 'We talked with eighteen mothers about the help they had.';
const seconds = (pcm: { samples: Int16Array; sampleRate: number }): number => pcm.samples.length / pcm.sampleRate;

const speak = suite('speaking a sentence');
speak('Flite rms, eSpeak NG and a Debian program each make about three seconds of sound', async () => {
  const voices: Voice[] = [
    { engine: 'flite', voice: 'rms' },
    { engine: 'espeak', voice: 'en-gb' },
    { engine: 'command', command: ['flite', '-o', '{output}'] },
  ];
  for (const voice of voices) {
    const pcm = await speakSentence(SENTENCE, voice);
    assert.ok(seconds(pcm) > 2 && seconds(pcm) < 6, `${voice.engine}: ${seconds(pcm).toFixed(2)} s`);
    assert.ok(measureLevel(pcm.samples).rmsDb > -40, `${voice.engine} is not silent`);
  }
});
speak('phone numbers go to the engine as single digits', () => {
  assert.is(engineText(speakableText('Call 020 7274 8522.')), 'Call 0 2 0, 7 2 7 4, 8 5 2 2.');
});
speak('a command that fails, or is not installed, says so in words', async () => {
  try {
    await speakSentence(SENTENCE, { engine: 'command', command: ['no-such-speech-program', '{output}'] });
    assert.unreachable('should have failed');
  } catch (e) {
    assert.match(
      (e as Error).message,
      'the speech program "no-such-speech-program" was not found: install it, or correct speech.voices in site.yml',
    );
  }
  try {
    await speakSentence(SENTENCE, {
      engine: 'command',
      command: ['sh', '-c', 'echo broken voice >&2; exit 3', '{output}'],
    });
    assert.unreachable('should have failed');
  } catch (e) {
    assert.match((e as Error).message, 'the speech program "sh" stopped with code 3: broken voice');
  }
  try {
    await speakSentence(SENTENCE, { engine: 'command', command: ['true', '{output}'] });
    assert.unreachable('should have failed');
  } catch (e) {
    assert.match((e as Error).message, 'did not write its WAV file');
  }
});
speak('a stereo WAV is mixed down to mono; other formats are refused with a reason', () => {
  const header = (channels: number, bits: number, format = 1): Buffer => {
    const b = Buffer.alloc(44 + 8);
    b.write('RIFF', 0);
    b.writeUInt32LE(b.length - 8, 4);
    b.write('WAVE', 8);
    b.write('fmt ', 12);
    b.writeUInt32LE(16, 16);
    b.writeUInt16LE(format, 20);
    b.writeUInt16LE(channels, 22);
    b.writeUInt32LE(16000, 24);
    b.writeUInt32LE(16000 * channels * 2, 28);
    b.writeUInt16LE(channels * 2, 32);
    b.writeUInt16LE(bits, 34);
    b.write('data', 36);
    b.writeUInt32LE(8, 40);
    b.writeInt16LE(100, 44);
    b.writeInt16LE(300, 46);
    b.writeInt16LE(-100, 48);
    b.writeInt16LE(-300, 50);
    return b;
  };
  assert.equal([...wavToPcm(header(2, 16)).samples], [200, -200]);
  assert.throws(() => wavToPcm(header(1, 32, 3)), /it must be 16-bit PCM/);
  assert.throws(() => wavToPcm(Buffer.from('not a wav file at all')), /did not write a WAV file/);
});
speak.run();
