/**
 * Real audio for the second fixture report (a table, an image, abbreviations, a phone number, an email address):
 * the SSML parses as XML, the MP3 decodes with chapters at every h2, its length fits the script, and an unchanged
 * script is never synthesised again.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseBuffer } from 'music-metadata';
import { prepareSite, forgetPreparedSites } from '../../../src/report/prepare-site.ts';
import { makeAudio, type AudioOptions } from '../../../src/formats/audio/make-audio.ts';
import { renderAudioInWorker } from '../../../src/formats/audio/audio-pool.ts';
import { tempDir } from '../../helpers.ts';

const SECOND = path.resolve('tests/fixtures/second-site');
const context = { dir: '', remove: async () => {}, renders: 0 };
const options = (): AudioOptions => ({
  cacheDir: path.join(context.dir, 'audio'),
  concurrency: 2,
  log: () => {},
  render: (job) => {
    context.renders++;
    return renderAudioInWorker(job);
  },
});

const audio = suite('audio edition of a report');
audio.before(async () => {
  const tmp = await tempDir();
  context.dir = tmp.dir;
  context.remove = tmp.remove;
});
audio.after(() => context.remove());

audio('script, SSML and an MP3 with chapters at every h2, of a length that fits the script', async () => {
  forgetPreparedSites();
  const site = await prepareSite(SECOND);
  const run = await makeAudio(site, options());
  const [made] = run.reports;
  assert.ok(made);
  const [mp3, script, ssml] = made.editions;
  assert.equal(made.editions.map((e) => e.entry.kind), ['audio-mp3', 'audio-script', 'audio-ssml']);

  const ssmlText = await readFile(ssml!.source!, 'utf8');
  assert.is(XMLValidator.validate(ssmlText), true);
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(ssmlText) as { speak: Record<string, string> };
  assert.is(parsed.speak['@_xml:lang'], 'en-GB');
  assert.match(ssmlText, '<say-as interpret-as="telephone">0161 496 0000</say-as>');
  assert.match(ssmlText, '<sub alias="info at riverside dot example">info@riverside.example</sub>');

  const text = await readFile(script!.source!, 'utf8');
  const said = made.transcript;
  assert.not.match(said, /https?:|www\.|%|\||@/);
  assert.ok(said.indexOf('General Practitioner, or G P') < said.indexOf(' G P ', said.indexOf('General Practitioner, or G P') + 30), 'GP expanded before it is used as letters');
  assert.match(said, 'Row 1. How people booked: Phoned the surgery at 8am. Residents: 231. Share: 56 percent.');
  assert.match(said, 'Image description: Residents waiting in a G P surgery waiting room.');
  assert.match(text, '# Estimated length:');

  const bytes = await readFile(mp3!.source!);
  const meta = await parseBuffer(bytes, { mimeType: 'audio/mpeg' }, { includeChapters: true });
  assert.is(meta.format.numberOfChannels, 1);
  const chapters = meta.format.chapters?.map((c) => c.title) ?? [];
  assert.equal(chapters, ['Introduction', 'How people booked', 'What people said', 'Recommendations', 'Other formats and feedback']);
  assert.equal(mp3!.entry.chapters?.map((c) => c.title), chapters);
  const minutes = (meta.format.duration ?? 0) / 60;
  const words = said.match(/\S+/g)!.length;
  const rate = words / minutes;
  assert.ok(rate >= 120 && rate <= 200, `${words} words in ${minutes.toFixed(2)} minutes is ${rate.toFixed(0)} a minute`);
  assert.ok(made.facts.level.peakDb < -3 && made.facts.level.rmsDb > -23 && made.facts.level.rmsDb < -18, JSON.stringify(made.facts.level));
  assert.match(mp3!.entry.label, /^Audio, MP3, \d+ minutes?$/);
});

audio('an unchanged script is not synthesised again; a changed one is', async () => {
  forgetPreparedSites();
  const before = context.renders;
  const again = await makeAudio(await prepareSite(SECOND), options());
  assert.is(context.renders, before);
  assert.equal([again.synthesised, again.reused], [0, 1]);
});
audio.run();
