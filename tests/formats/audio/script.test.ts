/** Golden fixtures, one per construct: Markdown in → what the listener hears out. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toAudioScript } from '../../../src/formats/audio/script.ts';
import { renderScriptText, renderSsml } from '../../../src/formats/audio/render-script.ts';
import { toSentences } from '../../../src/formats/audio/sentences.ts';
import {
  applyPronunciations,
  speakableText,
  spoken,
  spokenEmail,
  spokenPhone,
  spokenWebAddress,
  speakSymbols,
} from '../../../src/formats/audio/speakable.ts';
import type { Organisation } from '../../../src/report/site-data.ts';
import { parse } from '../../helpers.ts';

const organisation: Organisation = {
  name: 'Example Watch',
  phone: '020 7946 0000',
  email: 'hello@example.org',
  address: ['1 Example Street', 'London', 'SE1 1AA'],
  website: 'https://www.example.org/',
};

/** The spoken body of a report (its sections, without the opening and closing chapters). */
function body(markdown: string): string {
  const script = toAudioScript(parse(markdown).document, { organisation, otherFormats: ['a web page'] });
  const inner = { ...script, chapters: script.chapters.slice(1, -1) };
  return renderScriptText(inner, { directions: false }).trim();
}

const golden = suite('audio script: constructs');
golden('headings are announced as numbered sections; subheadings stand alone', () => {
  assert.is(
    body('## What we found\n\n### Waiting\n\nText.\n\n## Next steps\n\nMore.'),
    'Section 1: What we found.\nWaiting.\nText.\n\nSection 2: Next steps.\nMore.',
  );
});
golden('lists are introduced with their count and numbered', () => {
  assert.is(
    body('## A\n\nWe recommend:\n\n- Train staff\n- Answer calls'),
    'Section 1: A.\nWe recommend:\nThere are 2 points in this list.\n1: Train staff.\n2: Answer calls.',
  );
});
golden('tables are read row by row with their headers', () => {
  assert.is(
    body(
      '## A\n\nTable: How people booked\n\n| How people booked | Residents | Share |\n| --- | --: | --: |\n| Asked a friend or relative to phone | 14 | 34% |',
    ),
    'Section 1: A.\nTable: How people booked. 1 row.\nRow 1. How people booked: Asked a friend or relative to phone. Residents: 14. Share: 34 percent.',
  );
});
golden('images are described from their alt text; decorative images are skipped', () => {
  assert.is(
    body('## A\n\n![A bar chart: 14 of 18 mothers](chart.png "Figure 1")\n\n![""](line.png)'),
    'Section 1: A.\nImage description: A bar chart: 14 of 18 mothers.\nCaption: Figure 1.',
  );
});
golden('quotes are opened and closed', () => {
  assert.is(body('## A\n\n> I rang 40 times.'), 'Section 1: A.\nQuote:\nI rang 40 times.\nEnd of quote.');
});
golden('footnotes are read after the paragraph that cites them', () => {
  assert.is(
    body('## A\n\nWe asked 412 people.[^1] Then we wrote.\n\nNext paragraph.\n\n[^1]: Online and on paper.'),
    'Section 1: A.\nWe asked 412 people. Then we wrote.\nNote 1: Online and on paper.\nNext paragraph.',
  );
});
golden('a note cited twice in a paragraph is read once', () => {
  assert.is(body('## A\n\nOne.[^1] Two.[^1]\n\n[^1]: The note.'), 'Section 1: A.\nOne. Two.\nNote 1: The note.');
});
golden('abbreviations are expanded the first time, then spoken as letters', () => {
  assert.is(
    body('## A\n\nAsk for BSL. We offer BSL.\n\n*[BSL]: British Sign Language'),
    'Section 1: A.\nAsk for British Sign Language, or B S L. We offer B S L.',
  );
  assert.is(
    body('## A\n\nBritish Sign Language (BSL) helps.\n\n*[BSL]: British Sign Language'),
    'Section 1: A.\nBritish Sign Language (B S L) helps.',
  );
});
golden('phone numbers, email and web addresses are speakable; link addresses are never read', () => {
  assert.is(
    body(
      '## A\n\nCall 020 7274 8522 or email info@example.org. See [the NHS guide](https://www.nhs.uk/guide/) or www.nhs.uk.',
    ),
    'Section 1: A.\nCall 0 2 0, 7 2 7 4, 8 5 2 2 or email info at example dot org. See the N H S guide or www dot nhs dot uk.',
  );
});
golden('symbols are spoken', () => {
  assert.is(
    speakSymbols('£5 & 10% – then 2–3 days, e.g. and/or'),
    '5 pounds and 10 percent, then 2 to 3 days, for example and or',
  );
  assert.is(speakSymbols('open 9am–5pm, £1,250 a week'), 'open 9am to 5pm, 1,250 pounds a week');
  assert.is(spokenPhone('+44 (0)20 7946 0000'), 'plus 4 4, 2 0, 7 9 4 6, 0 0 0 0');
  assert.is(spokenEmail('info@healthwatch-lambeth.org.uk'), 'info at healthwatch dash lambeth dot org dot uk');
  // A site's address in full; a longer address shortened to its site (the page has the link).
  assert.is(spokenWebAddress('https://www.nhs.uk/'), 'www dot nhs dot uk');
  assert.is(spokenWebAddress('https://www.nhs.uk/mental-health/'), 'a link to nhs dot uk');
});
golden('inline code is read as code: its slashes are "slash", and the parity check hears it the same way', () => {
  assert.is(
    body('## Module: `uvu/assert`\n\nImport `@axe-core/puppeteer` first.'),
    'Section 1: Module: uvu slash assert.\nImport at axe-core slash puppeteer first.',
  );
});
golden('a hard line break is a pause, so a line does not run into the next', () => {
  assert.is(
    body('## Contact\n\nHealthwatch Lambeth\\\nUnit 4, Brixton Hill\n\nEnds here.\\\nNext line.'),
    'Section 1: Contact.\nHealthwatch Lambeth, Unit 4, Brixton Hill.\nEnds here. Next line.',
  );
});
golden('what a careful reader would say: dotted initialisms, package names, versions, web addresses', () => {
  const say = (text: string): string => spoken(speakableText(text));
  assert.is(
    say('Find it on GOV.UK and NHS.UK, checked by the W3C.'),
    'Find it on gov dot U K and N H S dot U K, checked by the W 3 C.',
  );
  assert.is(
    say('We used @axe-core/puppeteer and src/server/app.ts.'),
    'We used at axe-core slash puppeteer and src slash server slash app.ts.',
  );
  assert.is(
    say('Staff/volunteers use version 5.X.X or 2.1.0, not 2.5.'),
    'Staff or volunteers use version 5 point x point x or 2 point 1 point 0, not 2.5.',
  );
  assert.is(
    say('See https://designsystem.digital.gov/components/button/ for help.'),
    'See a link to designsystem dot digital dot gov for help.',
  );
  // The site's pronunciations win over the default.
  const [piece] = applyPronunciations(speakableText('GOV.UK'), { 'GOV.UK': 'guv dot you kay' });
  assert.equal(piece, { kind: 'pronounce', written: 'GOV.UK', spoken: 'guv dot you kay' });
});
golden('slashes are read by what they mean', () => {
  assert.is(
    speakSymbols('N/A, and/or, staff/volunteers, open 24/7'),
    'not applicable, and or, staff or volunteers, open 24 hours a day, 7 days a week',
  );
  assert.is(speakSymbols('on 22/04/2025 and 22/04'), 'on 22 April 2025 and 22 April');
  assert.is(
    speakSymbols('1/3 of people, 2/3 of them, 14/18 mothers'),
    'one third of people, two thirds of them, 14 out of 18 mothers',
  );
  assert.is(
    speakSymbols('in 2019/20 it cost £2M/year, or £5/day'),
    'in 2019 to 2020 it cost 2 million pounds per year, or 5 pounds per day',
  );
});
golden('a hyphen between numbers is "to" only in a range', () => {
  assert.is(speakSymbols('in 2011-12, ages 18-24, 10 – 15 people'), 'in 2011 to 2012, ages 18 to 24, 10 to 15 people');
  assert.is(speakSymbols('code M-24-08, on 2025-06-30'), 'code M-24-08, on 2025-06-30');
});
golden('symbols, brackets, page words and attributions', () => {
  assert.is(
    speakSymbols('~40 people, <5 and >10, file_name'),
    'about 40 people, less than 5 and more than 10, file name',
  );
  assert.is(speakSymbols('values [0.53, 0.47]'), 'values (0.53, 0.47)');
  assert.is(speakSymbols('See the table below and the chart above.'), 'See the next table and the previous chart.');
  assert.is(speakSymbols('I went home. — a resident'), 'I went home. a resident');
  assert.is(speakSymbols('£1,250 a week, £3k'), '1,250 pounds a week, 3 thousand pounds');
});
golden('words on the pronunciation list are said as spelt there; transcripts still show the word', () => {
  const doc = parse('## Who\n\nWe talked to mothers in Lambeth about perinatal care.').document;
  const script = toAudioScript(doc, {
    organisation,
    otherFormats: [],
    pronunciations: { Lambeth: 'Lam beth', perinatal: 'perry nay tal' },
  });
  const transcript = renderScriptText(script, { directions: false });
  assert.match(transcript, 'We talked to mothers in Lambeth about perinatal care.');
  assert.match(
    renderSsml(script),
    'mothers in <sub alias="Lam beth">Lambeth</sub> about <sub alias="perry nay tal">perinatal</sub> care.',
  );
  const spokenToEngine = toSentences(script)
    .flatMap((c) => c.paragraphs.flat())
    .map((s) => s.said)
    .join(' ');
  assert.match(spokenToEngine, 'mothers in Lam beth about perry nay tal care.');
  assert.not.match(spokenToEngine, 'Lambeth');
});
golden(
  'an alert is announced by its label and closed; a checklist says how many items are done, then each state',
  () => {
    assert.is(
      body('## A\n\n> [!IMPORTANT]\n> Bring your red book.\n\n- [x] Booked\n- [ ] Paid'),
      'Section 1: A.\nImportant:\nBring your red book.\nEnd of important.\nA checklist of 2 items, 1 of 2 done.\n1: Done: Booked.\n2: Not done: Paid.',
    );
  },
);
golden.run();

const frame = suite('audio script: opening and closing');
frame(
  'the opening gives title, publisher, date, update, sections and length; the closing gives the ways to ask',
  () => {
    const doc = parse(
      '## One\n\nText.\n\n## Two\n\nMore.',
      '---\ntitle: Waits\nsummary: S.\npublished: 2024-01-01\nupdated: 2024-02-01\nchanges:\n  - date: 2024-02-01\n    summary: Fixed a figure.\n---\n',
    ).document;
    const text = renderScriptText(
      toAudioScript(doc, { organisation, otherFormats: ['a web page', 'a large print PDF'] }),
      { directions: false },
    );
    assert.match(
      text,
      'Waits.\nAn audio version of a report by Example Watch, published 1 January 2024.\nUpdated 1 February 2024: Fixed a figure.\nIt has 2 sections: One and Two.\nIt lasts about 1 minute.',
    );
    assert.match(
      text,
      'This report is also available as a web page and a large print PDF.\nTo ask for it in another format, such as braille or another language, or to tell us what you think, phone 0 2 0, 7 9 4 6, 0 0 0 0 and email hello at example dot org.',
    );
    assert.match(text, 'You can also write to us at 1 Example Street, London, S E 1, 1 A A.');
  },
);
frame('the narrator script shows the length of each section and pause directions', () => {
  const script = toAudioScript(parse('## One\n\nText.').document, { organisation, otherFormats: [] });
  const text = renderScriptText(script, { directions: true });
  assert.match(
    text,
    /^# Audio script: Sample\n# Estimated length: \d:\d\d at 150 words a minute\.\n# 1\. Introduction: starts 0:00, lasts \d:\d\d\n# 2\. One: starts/,
  );
  assert.match(text, '[pause] Section 1: One. [pause]');
});
frame.run();
