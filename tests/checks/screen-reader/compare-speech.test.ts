import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  compareSpeech,
  inOrderMatches,
  isAnnouncement,
  speechPassed,
} from '../../../src/checks/screen-reader/compare-speech.ts';

const page =
  'Other formats\nWeb page (this page)\nPhone: 020 7274 8522\nText: 07700 900 274\nWe held interviews Note 1 with mothers.';

test("Orca's own words are announcements; the page's words, even Orca-like ones with a capital or a bullet, are not", () => {
  for (const u of [
    'link',
    'heading level 2',
    'leaving list.',
    'List with 3 items',
    'Finished loading Reports – Healthwatch.',
    'Page has 4 landmarks, 3 headings.',
    'description value',
    'b. ',
    'table with 3 rows 3 columns',
  ])
    assert.ok(isAnnouncement(u), u);
  for (const u of ['• Text: ', 'Search', '07700 900 274', 'Other formats', 'what changed'])
    assert.not.ok(isAnnouncement(u), u);
});

test('a page read whole, in order, passes', () => {
  const said = [
    'Finished loading A page.',
    'Other formats',
    'heading level 2',
    'List with 3 items',
    '• Web page (this page)',
    '• Phone: ',
    '020 7274 8522',
    'link',
    '• Text: ',
    '07700 900 274',
    'link',
    'leaving list.',
    'We held interviews',
    'Note 1',
    'link',
    ' with mothers.',
  ];
  const c = compareSpeech(said, page);
  assert.ok(speechPassed(c), JSON.stringify(c));
  assert.is(c.inOrder, 1);
  assert.ok(c.announcementsPer100 > 20 && c.announcementsPer100 < 40, String(c.announcementsPer100));
});

test('a visually hidden label glued to its number ("Note1") is a word not on the page', () => {
  const c = compareSpeech(
    ['Other formats', 'We held interviews', 'Note1', 'link', ' with mothers.'],
    'Other formats\nWe held interviews Note 1 with mothers.',
  );
  assert.equal(
    c.notOnPage.map((n) => n.word),
    ['note1'],
  );
  assert.not.ok(speechPassed(c));
});

test('an entity spoken (a title escaped twice) fails', () => {
  const c = compareSpeech(['Finished loading Mothers&#39; experience.', "Mothers' experience"], "Mothers' experience");
  assert.equal(c.markup, ['Finished loading Mothers&#39; experience.']);
  assert.not.ok(speechPassed(c));
});

test('a run of visible words never spoken fails, named', () => {
  const c = compareSpeech(['We held interviews'], 'We held interviews with eighteen mothers in Lambeth.');
  assert.equal(c.missingRuns, ['with eighteen mothers in lambeth']);
  assert.not.ok(speechPassed(c));
});

test('words said twice running fail (a landmark named by its own heading)', () => {
  const c = compareSpeech(
    ['complementary content', 'Other formats', 'Other formats', 'heading level 2'],
    'Other formats',
  );
  assert.equal(c.repeated, ['Other formats']);
});

test('a symbol Orca names aloud ("---" as "dash dash dash") is the page\'s own only where the page shows it', () => {
  const shown = compareSpeech(['dash  dash  dash ', 'title colon   quote Report quote '], '---\ntitle: "Report"');
  assert.equal(shown.notOnPage, []);
  const invented = compareSpeech(['dash Report colon'], 'Report');
  assert.equal(
    invented.notOnPage.map((n) => n.word),
    ['dash', 'colon'],
  );
});

test('in-order matching is not thrown out of step by a common word spoken early', () => {
  const visible = ['the', 'cat', 'sat', 'on', 'the', 'mat'];
  const spoken = ['the', 'mat', 'the', 'cat', 'sat', 'on', 'the', 'mat'];
  assert.equal(inOrderMatches(visible, spoken), [true, true, true, true, true, true]);
});

test.run();
