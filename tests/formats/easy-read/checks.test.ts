import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseEasyRead } from '../../../src/formats/easy-read/parse-easy-read.ts';
import { checkEasyRead } from '../../../src/formats/easy-read/checks.ts';
import { formatProblem } from '../../../src/report/problems.ts';

const F = 'content/reports/sample/easy-read.md';
const FRONT = '---\ntitle: Easy\npublished: 2024-01-01\n---\n'; // 4 lines: the body starts on line 5
const HARD = '\n\n## Hard words\n\n**Perinatal**: the time when you are pregnant, and the year after.\n';

function check(body: string, files = new Set(['me.jpg'])) {
  const { easyRead, problems } = parseEasyRead(FRONT + body, { slug: 'sample', file: F, folder: '/nowhere' });
  return [...problems, ...checkEasyRead(easyRead, files)].map(formatProblem);
}
const at = (line: number, text: string, severity = '') =>
  `${F}:${line}: ${severity}${text} (see docs/editors-guide.md#easy-read)`;

const rules = suite('checkEasyRead');
rules('a good point passes: a picture and short sentences, hard words explained', () => {
  assert.equal(check('![A baby](pictogram:baby) We met 18 mums. We asked about **perinatal** care.' + HARD), []);
  assert.equal(check('![Me at work](me.jpg) I work here.'), []);
});
rules('a sentence over 15 words', () => {
  assert.equal(
    check(
      '![A baby](pictogram:baby) We talked to many mothers who live in the borough about how they felt after the birth of a baby.',
    ),
    [
      at(
        5,
        'the sentence "We talked to many mothers who live in th…" has 20 words — split it into shorter sentences of 15 words or fewer',
      ),
    ],
  );
});
rules('a point without a picture', () => {
  assert.equal(check('We talked to mothers.'), [
    at(
      5,
      'this point has no picture — start the paragraph with a picture: ![what it shows](pictogram:name) or ![what it shows](photo.jpg)',
    ),
  ]);
});
rules('a picture name with spaces is explained', () => {
  assert.equal(check('![A baby](pictogram:woman feeding baby) We talked to mothers.'), [
    at(
      5,
      'the picture at the start of this point could not be read: its name has a space in it — use hyphens between words, like ![a baby](pictogram:woman-feeding-baby)',
    ),
  ]);
});
rules('a picture without alt text, an unknown pictogram, a missing file', () => {
  assert.equal(check('![](pictogram:baby) We met.'), [
    at(
      5,
      'the picture pictogram:baby has no alt text — describe it between the square brackets: every easy-read picture needs alt text',
    ),
  ]);
  assert.equal(check('![A baby](pictogram:babby) We met.'), [
    at(5, 'there is no pictogram called "babby" — did you mean pictogram:baby? Names are listed at openmoji.org'),
  ]);
  assert.equal(check('![Me](mee.jpg) We met.'), [at(5, 'picture file mee.jpg does not exist — did you mean me.jpg?')]);
});
rules('more than 3 sentences in a point', () => {
  assert.equal(check('![A baby](pictogram:baby) We met. We talked. We listened. We wrote.'), [
    at(5, 'this point has 4 sentences — keep to 3 or fewer: start a new point, with its own picture, for the rest'),
  ]);
});
rules('italics and capitals for emphasis', () => {
  assert.equal(check('![A baby](pictogram:baby) This is *very* important.'), [
    at(5, 'this point uses italics — italics are hard to read: use **bold** for emphasis'),
  ]);
  assert.equal(check('![A baby](pictogram:baby) This is VERY important.'), [
    at(
      5,
      '"VERY" is in capitals — capitals are hard to read: write it in lower case and use **bold** for emphasis; if it is an abbreviation, explain it in Hard words',
    ),
  ]);
});
rules('an unexplained abbreviation; explained ones pass', () => {
  assert.equal(check('![A doctor](pictogram:stethoscope) Talk to your GP.'), [
    at(
      5,
      'the abbreviation "GP" is not explained — write it in full, or explain it in the next sentence and add **GP** to the Hard words list',
    ),
  ]);
  assert.equal(
    check('![A doctor](pictogram:stethoscope) Talk to your GP.\n\n## Hard words\n\n**GP**: your local doctor.'),
    [],
  );
});
rules('a percentage or fraction, with a suggestion', () => {
  assert.equal(check('![A baby](pictogram:baby) 34% of mothers said yes.'), [
    at(5, '"34%" is a percentage or fraction — say "about 1 in 3" instead'),
  ]);
  assert.equal(check('![A baby](pictogram:baby) Half of them said no.'), [
    at(5, '"Half" is a percentage or fraction — say "about 1 in 3" or "most people" instead'),
  ]);
});
rules('warnings: hard word, long word, number as a word, two ideas', () => {
  assert.equal(check('![A baby](pictogram:baby) It is about perinatal care.'), [
    at(
      5,
      '"perinatal" is a hard word — use an easier word, or explain it in the next sentence and add **perinatal** to the Hard words list, or end the sentence with {ok: hard-word} to accept it',
      'warning: ',
    ),
  ]);
  assert.equal(check('![A baby](pictogram:baby) We got information.'), [
    at(
      5,
      '"information" is a long word (4 syllables) — use a shorter word, or explain it in the next sentence and add **information** to the Hard words list, or end the sentence with {ok: long-word} to accept it',
      'warning: ',
    ),
  ]);
  assert.equal(check('![A baby](pictogram:baby) We met three mothers.'), [
    at(
      5,
      '"three" is a number written as a word — write 3, or end the sentence with {ok: number-word} to accept it',
      'warning: ',
    ),
  ]);
  assert.match(
    check('![A baby](pictogram:baby) We went to see the mothers at home, and they told us about their days.').join(
      '\n',
    ),
    'may hold two ideas',
  );
});
rules('a readability grade above target is a warning that names its formula', () => {
  const out = check(
    '![A baby](pictogram:baby) Mothers described difficulties contacting services promptly after childbirth.{ok: long-word}',
  );
  assert.equal(out.length, 1);
  assert.match(
    out[0]!,
    /^content\/reports\/sample\/easy-read\.md:5: warning: this point reads at Flesch–Kincaid grade \d+\.\d \(target 5 or lower; the formula is a rough hint on short text\)/,
  );
});
rules('an accepted warning is not reported, and its marker is visible in the source only', () => {
  assert.equal(check('![A baby](pictogram:baby) We got information.{ok: long-word}'), []);
  // A marker accepts only the rule it names.
  assert.equal(check('![A baby](pictogram:baby) We got information.{ok: number-word}').length, 1);
});
rules('a list is not a point', () => {
  assert.equal(check('- one thing\n- another'), [
    at(5, 'a list is not an easy-read point — write each list item as its own point, with a picture'),
  ]);
});
rules('front matter: who checked it needs when', () => {
  const { problems } = parseEasyRead('---\ntitle: Easy\npublished: 2024-01-01\ncheckedBy: Readers group\n---\n', {
    slug: 's',
    file: F,
    folder: '/x',
  });
  assert.equal(problems.map(formatProblem), [
    `${F}:4: "checkedOn" is missing: say both who checked it and when — write the date it was checked as YYYY-MM-DD (see docs/editors-guide.md#easy-read)`,
  ]);
});
rules.run();
