/**
 * Real audio for the second fixture report (a table, an image, abbreviations, a phone number, an email address),
 * spoken by the default English voice (Flite rms): the SSML parses as XML, the MP3 decodes with chapters at every h2,
 * its length fits the script, the WebVTT cues cover every sentence in order, an unchanged script is never synthesised
 * again, and a one-sentence edit re-speaks exactly that sentence.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseBuffer } from 'music-metadata';
import { prepareSite, forgetPreparedSites } from '../../../src/report/prepare-site.ts';
import { makeAudio, type AudioOptions, type MadeRecording } from '../../../src/formats/audio/make-audio.ts';
import { renderAudioInWorker } from '../../../src/formats/audio/audio-pool.ts';
import { tempDir } from '../../helpers.ts';

const SECOND = path.resolve('tests/fixtures/second-site');
const context = { dir: '', remove: async () => {}, renders: 0, log: [] as string[] };
const options = (): AudioOptions => ({
  cacheDir: path.join(context.dir, 'audio'),
  concurrency: 2,
  log: (line) => context.log.push(line),
  render: (job) => {
    context.renders++;
    return renderAudioInWorker(job);
  },
});

/** WebVTT cues as written: id, start and end in seconds, text. */
function parseVtt(vtt: string): Array<{ id: string; start: number; end: number; text: string }> {
  const seconds = (t: string): number => t.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  return vtt
    .trim()
    .split(/\n\n+/)
    .slice(1)
    .map((block) => {
      const [id = '', times = '', ...text] = block.split('\n');
      const [start = '', end = ''] = times.split(' --> ');
      return { id, start: seconds(start), end: seconds(end), text: text.join(' ') };
    });
}

async function checkRecording(made: MadeRecording): Promise<void> {
  const mp3 = made.editions.find((e) => e.entry.kind.endsWith('mp3'))!;
  const vtt = made.editions.find((e) => e.entry.kind.endsWith('vtt'))!;
  const meta = await parseBuffer(
    await readFile(mp3.source!),
    { mimeType: 'audio/mpeg' },
    { includeChapters: true, duration: true },
  );
  assert.is(meta.format.numberOfChannels, 1);
  assert.ok(
    Math.abs((meta.format.duration ?? 0) - made.facts.durationSeconds) < 0.1,
    `decoded ${meta.format.duration} s, expected ${made.facts.durationSeconds}`,
  );
  const chapters = meta.format.chapters ?? [];
  assert.equal(
    chapters.map((c) => c.title),
    made.sentences.map((c) => c.title),
  );
  const sentences = made.sentences.flatMap((c) => c.paragraphs.flat());
  const cues = parseVtt(await readFile(vtt.source!, 'utf8'));
  assert.equal(
    cues.map((c) => c.id),
    sentences.map((s) => s.id),
    'one cue per sentence, in order',
  );
  cues.forEach((cue, i) => {
    assert.ok(cue.end > cue.start, `${cue.id} has a length`);
    if (i > 0) assert.ok(cue.start >= cues[i - 1]!.end, `${cue.id} starts after ${cues[i - 1]!.id} ends`);
    assert.is(cue.text, sentences[i]!.written.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
  assert.ok(cues.at(-1)!.end <= made.facts.durationSeconds);
  // Each chapter's first sentence starts inside that chapter (ID3 chapter times and cue times agree).
  let index = 0;
  made.sentences.forEach((chapter, c) => {
    const seconds = (chapter: (typeof chapters)[number]): number => chapter.start / (chapter.timeScale ?? 1);
    const start = seconds(chapters[c]!);
    const end = c + 1 < chapters.length ? seconds(chapters[c + 1]!) : made.facts.durationSeconds;
    const first = cues[index]!;
    assert.ok(
      first.start >= start && first.start < end,
      `${chapter.title}: first cue ${first.start} in [${start}, ${end})`,
    );
    index += chapter.paragraphs.flat().length;
  });
}

const audio = suite('audio edition of a report');
audio.before(async () => {
  const tmp = await tempDir();
  context.dir = tmp.dir;
  context.remove = tmp.remove;
});
audio.after(() => context.remove());

audio('script, SSML, an MP3 with chapters at every h2 and WebVTT cues for every sentence', async () => {
  forgetPreparedSites();
  const site = await prepareSite(SECOND);
  const run = await makeAudio(site, options());
  const [made] = run.reports;
  assert.ok(made);
  assert.equal(
    made.editions.map((e) => e.entry.kind),
    ['audio-mp3', 'audio-vtt', 'audio-script', 'audio-ssml'],
  );
  const [mp3, , script, ssml] = made.editions;

  const ssmlText = await readFile(ssml!.source!, 'utf8');
  assert.is(XMLValidator.validate(ssmlText), true);
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(ssmlText) as { speak: Record<string, string> };
  assert.is(parsed.speak['@_xml:lang'], 'en-GB');
  assert.match(ssmlText, '<say-as interpret-as="telephone">0161 496 0000</say-as>');
  assert.match(ssmlText, '<sub alias="info at riverside dot example">info@riverside.example</sub>');

  const text = await readFile(script!.source!, 'utf8');
  const said = made.transcript;
  assert.not.match(said, /https?:|www\.|%|\||@/);
  assert.ok(
    said.indexOf('General Practitioner, or G P') <
      said.indexOf(' G P ', said.indexOf('General Practitioner, or G P') + 30),
    'GP expanded before it is used as letters',
  );
  assert.match(said, 'Row 1. How people booked: Phoned the surgery at 8am. Residents: 231. Share: 56 percent.');
  assert.match(said, 'Image description: Residents waiting in a G P surgery waiting room.');
  assert.match(text, '# Estimated length:');

  await checkRecording(made);
  assert.equal(
    made.facts.chapters.map((c) => c.title),
    [
      'Introduction',
      'How people booked',
      'What people said',
      'Recommendations',
      'What the practice has done',
      'Other formats and feedback',
    ],
  );
  const minutes = made.facts.durationSeconds / 60;
  const words = said.match(/\S+/g)!.length;
  const rate = words / minutes;
  assert.ok(
    rate >= 110 && rate <= 200,
    `${words} words in ${minutes.toFixed(2)} minutes is ${rate.toFixed(0)} a minute`,
  );
  assert.ok(
    made.facts.level.peakDb < -3 && made.facts.level.rmsDb > -23 && made.facts.level.rmsDb < -18,
    JSON.stringify(made.facts.level),
  );
  assert.match(mp3!.entry.label, /^Audio, MP3, \d+ minutes?$/);
  assert.is(run.spokenSentences, made.sentences.flatMap((c) => c.paragraphs.flat()).length);
});

audio('an unchanged script is not synthesised again', async () => {
  forgetPreparedSites();
  const before = context.renders;
  const again = await makeAudio(await prepareSite(SECOND), options());
  assert.is(context.renders, before);
  assert.equal([again.synthesised, again.reused], [0, 1]);
});

audio('the same recording is found whatever the cache folder is called (relative or absolute)', async () => {
  forgetPreparedSites();
  const before = context.renders;
  const relative = { ...options(), cacheDir: path.relative(process.cwd(), options().cacheDir) };
  const again = await makeAudio(await prepareSite(SECOND), relative);
  assert.is(context.renders, before);
  assert.equal([again.synthesised, again.reused], [0, 1]);
});

audio(
  'a one-sentence edit re-speaks exactly that sentence, and the MP3 still decodes with right chapter times',
  async () => {
    const copy = path.join(context.dir, 'edited');
    await cp(SECOND, copy, { recursive: true });
    const file = path.join(copy, 'reports/waiting-times/index.md');
    const source = await readFile(file, 'utf8');
    const edited = source.replace('Some used the NHS App.', 'Some used the NHS App on a phone.');
    assert.is.not(edited, source, 'the fixture has the sentence this test edits');
    await writeFile(file, edited);
    forgetPreparedSites();
    context.log = [];
    const run = await makeAudio(await prepareSite(copy), options());
    assert.is(run.synthesised, 1);
    assert.is(run.spokenSentences, 1);
    assert.ok(
      context.log.some((line) => /spoke 1 sentence, reused \d+/.test(line)),
      context.log.join('\n'),
    );
    await checkRecording(run.reports[0]!);
  },
);
audio.run();
