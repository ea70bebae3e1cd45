// npm run bench:speech: word error rate of every available voice, heard by Debian's pocketsphinx (installed here, on
// demand, and never by the build). See src/bench/speech-intelligibility.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  availableVoices,
  passages,
  RECOGNISER,
  scoreVoices,
  type VoiceScore,
} from '../src/bench/speech-intelligibility.ts';

const has = (program: string): boolean => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

if (!has(RECOGNISER)) {
  const install = spawnSync(
    'bash',
    ['-c', '. scripts/apt-install.sh && apt_install bench:speech pocketsphinx pocketsphinx-en-us'],
    { stdio: 'inherit' },
  );
  if (install.status !== 0 || !has(RECOGNISER)) {
    console.error(
      "bench:speech cannot run: it needs the speech recogniser from Debian's pocketsphinx and pocketsphinx-en-us packages, and could not install them (see above).",
    );
    process.exit(1);
  }
}
console.log(
  `Recogniser: ${execFileSync('sh', ['-c', 'dpkg-query -W pocketsphinx pocketsphinx-en-us 2>/dev/null || true']).toString().trim().replace(/\n/g, ', ')}`,
);

const content = process.argv[2] ?? 'content';
const withWords = await passages(content, { pronunciations: true });
const log = (line: string): void => console.log(line);
console.log('Speaking and recognising (a few minutes)…');
const scores = await scoreVoices(availableVoices(has('flite')), withWords, log);
// The default voice once more without the site's pronunciation list, to show what the list is worth.
const plain = await scoreVoices(
  [{ engine: 'flite', voice: 'rms' }],
  await passages(content, { pronunciations: false }),
  log,
);
scores.push(...plain.map((s): VoiceScore => ({ ...s, voice: `${s.voice}, no pronunciation list` })));

const names = [...new Set(scores.map((s) => s.passage))];
const voices = [...new Set(scores.map((s) => s.voice))];
const cell = (voice: string, passage: string): string => {
  const s = scores.find((x) => x.voice === voice && x.passage === passage);
  return s ? `${(s.rate * 100).toFixed(1).padStart(5)}% (${s.errors}/${s.words})` : '';
};
console.log(
  `\nWord error rate (lower is better; numbers left out of the count; target for the default voice on "About the research": at most 20%)`,
);
console.log(`${'voice'.padEnd(44)}${names.map((n) => n.padEnd(24)).join('')}`);
for (const voice of voices) console.log(`${voice.padEnd(44)}${names.map((n) => cell(voice, n).padEnd(24)).join('')}`);
const best = scores.find((s) => s.voice === 'Flite rms' && s.passage.startsWith('"'));
if (best) console.log(`\nWhat the recogniser heard from Flite rms, ${best.passage}:\n${best.heard}`);
