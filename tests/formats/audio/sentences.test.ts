/** The script cut into sentences: where a sentence ends (and where it does not), what the engine reads, the gaps. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GAPS, splitSentences, toSentences, cuesByAnchor, engineText } from '../../../src/formats/audio/sentences.ts';
import { applyPronunciations, speakableText, spoken, type Piece } from '../../../src/formats/audio/speakable.ts';

const said = (text: string): string[] => splitSentences([{ kind: 'text', text }]).map(engineText);

const sentences = suite('sentences');
sentences('full stops, question and exclamation marks end sentences', () => {
  assert.equal(said('We talked to 18 mothers. Did it help? Yes! "It did." Then we wrote this.'), [
    'We talked to 18 mothers.',
    'Did it help?',
    'Yes!',
    '"It did."',
    'Then we wrote this.',
  ]);
});
sentences('abbreviations, initials, decimals and lower-case words do not end a sentence', () => {
  assert.equal(
    said('Some services, e.g. health visitors, helped. Dr. Patel and J. Smith spoke. It rose 1.5 times. See p. 4 too.'),
    [
      'Some services, e.g. health visitors, helped.',
      'Dr. Patel and J. Smith spoke.',
      'It rose 1.5 times.',
      'See p. 4 too.',
    ],
  );
});
sentences('a sentence that opens with a respelt word still starts a new sentence', () => {
  const pieces = applyPronunciations(speakableText('It lasts a year. Perinatal care matters.'), {
    perinatal: 'perry nay tal',
  });
  const parts = splitSentences(pieces);
  assert.equal(parts.map(engineText), ['It lasts a year.', 'perry nay tal care matters.']);
  assert.equal(parts.map(spoken), ['It lasts a year.', 'Perinatal care matters.']);
});
sentences(
  "gaps: the script's pauses between paragraphs, a shorter gap between sentences; ids run through the recording",
  () => {
    const text = (t: string): Piece => ({ kind: 'text', text: t });
    const chapters = toSentences({
      title: 'T',
      lang: 'en-GB',
      chapters: [
        {
          title: 'One',
          paragraphs: [
            [text('First. Second.')],
            [{ kind: 'pause', ms: 400 }],
            [{ kind: 'pause', ms: 900 }, text('Third.'), { kind: 'pause', ms: 600 }],
          ],
        },
        { title: 'Two', paragraphs: [[text('Fourth.')]], anchors: ['p-0-0'] },
      ],
    });
    const flat = chapters.flatMap((c) => c.paragraphs.flat());
    assert.equal(
      flat.map((s) => [s.id, s.said, s.gapBeforeMs]),
      [
        ['s1', 'First.', GAPS.start],
        ['s2', 'Second.', GAPS.sentence],
        ['s3', 'Third.', 1300],
        ['s4', 'Fourth.', GAPS.paragraph],
      ],
    );
    assert.equal(cuesByAnchor(chapters), { 'p-0-0': 's4' });
  },
);
sentences.run();
