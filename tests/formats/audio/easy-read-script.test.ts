/** The easy-read audio script: the words of each point (not the picture's description), sections as chapters. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseEasyRead } from '../../../src/formats/easy-read/parse-easy-read.ts';
import { toEasyReadAudioScript } from '../../../src/formats/audio/easy-read-script.ts';
import { cuesByAnchor, toSentences } from '../../../src/formats/audio/sentences.ts';
import { renderScriptText } from '../../../src/formats/audio/render-script.ts';

const SOURCE = `---
title: What mothers told us
published: 2024-01-01
---

![A mother holding her baby](pictogram:woman) This is about mothers in Lambeth.

## What we did

![Two people talking](pictogram:people) We talked to 18 mothers. They told us a lot.

![A calendar](pictogram:calendar) It took a year.

## Hard words

**Perinatal**: the time when you are pregnant, and the year after.
`;
const organisation = {
  name: 'Healthwatch Lambeth',
  phone: '020 7274 8522',
  email: 'info@example.org',
  address: ['1 Street'],
  website: 'https://example.org/',
};

const easy = suite('easy-read audio script');
easy("reads each point's words, not its picture; sections and hard words are chapters; points are anchored", () => {
  const { easyRead } = parseEasyRead(SOURCE, { slug: 's', file: 'easy-read.md', folder: '/x' });
  const script = toEasyReadAudioScript(easyRead.document, { organisation, pronunciations: { Lambeth: 'Lam beth' } });
  assert.equal(
    script.chapters.map((c) => c.title),
    ['Introduction', 'What we did', 'Hard words', 'Contact us'],
  );
  const text = renderScriptText(script, { directions: false });
  assert.not.match(text, 'Two people talking');
  assert.not.match(text, 'calendar');
  assert.match(text, 'We talked to 18 mothers. They told us a lot.');
  assert.match(text, 'Perinatal: the time when you are pregnant, and the year after.');
  assert.match(text, 'phone 0 2 0, 7 2 7 4, 8 5 2 2');
  const sentences = toSentences(script);
  assert.ok(
    sentences.flatMap((c) => c.paragraphs.flat()).some((s) => s.said.includes('Lam beth')),
    'pronunciations reach the engine',
  );
  const anchors = cuesByAnchor(sentences);
  assert.equal(anchors['p-1-0']?.split(' ').length, 2, 'a point of two sentences follows both cues');
  assert.ok(anchors['p-0-0'] && anchors['h-1'] && anchors['p-1-1'] && anchors['hard-0'], JSON.stringify(anchors));
});
easy.run();
