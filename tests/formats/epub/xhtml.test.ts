import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse } from '../../helpers.ts';
import { XhtmlWriter, inlineSentences } from '../../../src/formats/epub/xhtml.ts';
import { toAudioScript } from '../../../src/formats/audio/script.ts';
import { toSentences } from '../../../src/formats/audio/sentences.ts';
import { plainText } from '../../../src/report/plain-text.ts';
import { spoken } from '../../../src/formats/audio/speakable.ts';
import type { Organisation } from '../../../src/report/site-data.ts';

const organisation: Organisation = {
  name: 'Healthwatch Riverside',
  phone: '020 7946 0000',
  email: 'info@example.org',
  website: 'https://example.org/',
  address: ['1 High Street', 'Riverside'],
};

const body = `Intro text before any section. It has two sentences.

## How people booked

Most people phoned the GP surgery. Some used the NHS App.[^1]

Table: How residents booked

| How | Residents |
| --- | ---: |
| Phoned | 231 |
| Online | 97 |

> I rang 40 times. Nobody answered.

1. Offer online booking.
2. Answer calls within 10 minutes. Then call back.

> [!WARNING]
> Lines are busiest at 8am.

- [x] Text service added.
- [ ] Interpreters booked.

![A waiting room with chairs](room.png "The waiting room")

*[NHS]: National Health Service
*[GP]: General Practitioner

[^1]: The app needs a login.
`;

function render(markdown: string) {
  const doc = parse(markdown).document;
  const writer = new XhtmlWriter({
    doc,
    fileOfHeading: new Map([['how-people-booked', 'section-1.xhtml']]),
    notesFile: 'notes.xhtml',
    images: new Map([['room.png', { href: 'images/room.png', width: 800, height: 600 }]]),
  });
  writer.file = 'section-1.xhtml';
  const html = doc.sections
    .map((s, i) => (s.heading ? writer.heading(2, s.heading.id, s.heading.content) : '') + writer.blocks(s.blocks, [i]))
    .join('\n');
  writer.file = 'notes.xhtml';
  const notes = doc.footnotes
    .map((n) => `<li${writer.anchor(`note-${n.number}`)}>${writer.blocks(n.blocks, [`n${n.number}`])}</li>`)
    .join('');
  return { doc, writer, html: `${html}<ol>${notes}</ol>` };
}

test('every place the audio script reads from is an element of the book, so each overlay clip has its text', () => {
  const { doc, writer } = render(body);
  const script = toAudioScript(doc, { organisation, otherFormats: [] });
  const anchors = script.chapters
    .flatMap((c) => c.anchors ?? [])
    .filter((a): a is string => a !== undefined && a !== 'report-title');
  assert.ok(anchors.length >= 10, anchors.join(' '));
  const missing = anchors.filter((a) => !writer.fileOfAnchor.has(a));
  assert.equal(missing, []);
});

test('plain paragraphs have a span per sentence, as many as the audio reads', () => {
  const { doc, writer, html } = render(body);
  const sentences = toSentences(toAudioScript(doc, { organisation, otherFormats: [] }));
  const byAnchor = new Map(sentences.flatMap((c) => c.paragraphs.map((p, i) => [c.anchors[i], p.length] as const)));
  let compared = 0;
  for (const [anchor, spans] of writer.sentenceSpans) {
    if (!byAnchor.has(anchor)) continue;
    assert.is(spans, byAnchor.get(anchor), `sentences of ${anchor}`);
    assert.ok(html.includes(`id="${anchor}-s${spans}"`));
    compared++;
  }
  assert.ok(compared >= 3, `compared ${compared}`);
});

test('the XHTML is well-formed, with table headers, alt text, a note reference and abbreviations spelt out once', () => {
  const { html } = render(body);
  assert.is(XMLValidator.validate(`<body xmlns:epub="http://www.idpf.org/2007/ops">${html}</body>`), true);
  assert.match(html, '<th scope="col">How</th>');
  assert.match(html, 'alt="A waiting room with chairs"');
  assert.match(html, '<figcaption>The waiting room</figcaption>');
  assert.match(html, 'role="doc-noteref"');
  assert.match(html, 'href="notes.xhtml#note-1"');
  assert.is(html.match(/\(National Health Service\)/g)?.length, 1);
  assert.is(html.match(/<abbr title="National Health Service">NHS<\/abbr>/g)?.length, 1);
  const parsed = new XMLParser().parse(`<body>${html}</body>`) as object;
  assert.ok(parsed);
});

test('sentences are split only in top-level text, never inside a link', () => {
  const doc = parse('One sentence here. [A link. With a stop](https://example.org) and more. Last one.\n').document;
  const paragraph = doc.blocks[0]!;
  assert.is(paragraph.type, 'paragraph');
  if (paragraph.type !== 'paragraph') return;
  const groups = inlineSentences(paragraph.content).map(plainText);
  assert.equal(groups, ['One sentence here.', 'A link. With a stop and more.', 'Last one.']);
});

test('a page-break marker goes before the word the page starts at, once', () => {
  const doc = parse('## Section\n\nFirst words here. The second page starts here.\n').document;
  const words = new XhtmlWriter({ doc, fileOfHeading: new Map(), notesFile: 'notes.xhtml', images: new Map() });
  words.blocks(doc.blocks, [0]);
  const at = words.words.indexOf('second') - 1;
  const writer = new XhtmlWriter({
    doc,
    fileOfHeading: new Map(),
    notesFile: 'notes.xhtml',
    images: new Map(),
    pageStarts: new Map([[at, [7]]]),
  });
  writer.file = 'section-1.xhtml';
  const html = writer.blocks(doc.blocks, [0]);
  assert.match(
    html,
    '<span epub:type="pagebreak" role="doc-pagebreak" id="page-7" aria-label="Page 7"></span>The second page',
  );
  assert.equal([...writer.pagesPlaced], [[7, 'section-1.xhtml']]);
});

test.run();

test('a callout is an aside labelled in words; a checklist item says its state in words, as the audio reads it', () => {
  const { html, doc } = render(body);
  assert.match(
    html,
    /<aside class="callout callout-warning" role="note" id="[^"]+"><p class="callout-label"><strong>Warning:<\/strong><\/p><p id="[^"]+">Lines are busiest at 8am.<\/p><\/aside>/,
  );
  assert.match(
    html,
    /<li id="[^"]+"><strong>Done:<\/strong> Text service added.<\/li><li id="[^"]+"><strong>Not done:<\/strong> Interpreters booked.<\/li>/,
  );
  const said = toAudioScript(doc, { organisation, otherFormats: [] })
    .chapters.flatMap((c) => c.paragraphs.map(spoken))
    .join('\n');
  assert.match(said, 'Warning:\nLines are busiest at 8am.\nEnd of warning.');
  assert.match(said, '1: Done: Text service added.');
});
