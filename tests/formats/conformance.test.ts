/** The conformance record of each edition: what it aims at, what passed on this build, what is not checked. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planManifest, type FormatEntry } from '../../src/formats/manifest.ts';
import { parse } from '../helpers.ts';

const doc = parse('## A\n\nText.').document;

test('every edition a reader chooses has a record; supporting files (transcripts, scripts) do not', () => {
  const entries: FormatEntry[] = [
    {
      kind: 'large-print-pdf',
      href: 'a-large.pdf',
      label: 'Large print PDF',
      mediaType: 'application/pdf',
      fontSizePt: 24,
    },
    {
      kind: 'braille-brf',
      href: 'a.brf',
      label: 'Braille',
      mediaType: 'application/x-brf',
      grade: 2,
      roundTrip: 0.996,
    },
    { kind: 'epub', href: 'a.epub', label: 'EPUB', mediaType: 'application/epub+zip' },
    { kind: 'audio-vtt', href: 'a.vtt', label: 'Transcript', mediaType: 'text/vtt' },
  ];
  const formats = planManifest(doc, entries).formats;
  const byKind = new Map(formats.map((f) => [f.kind, f.conformance]));
  assert.is(byKind.get('html')?.standard, 'WCAG 2.2 level AA');
  assert.is(byKind.get('large-print-pdf')?.standard, 'PDF/UA-1');
  assert.ok(byKind.get('large-print-pdf')!.passed.some((c) => c.check === 'no text smaller than 24 point'));
  assert.ok(byKind.get('large-print-pdf')!.notChecked.includes('a full PDF/UA validator (veraPDF) is not run'));
  assert.match(byKind.get('braille-brf')!.passed[0]!.check, '99.6% of');
  assert.ok(byKind.get('epub')!.notChecked.some((n) => /EPUBCheck and Ace/.test(n)));
  assert.is(byKind.get('audio-vtt'), undefined);
  for (const record of [...byKind.values()].filter(Boolean))
    assert.ok(record!.notChecked.length > 0, 'every record says what was not checked');
});
test.run();
