import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FORMAT_KINDS, fileForHref, planManifest, writeManifest } from '../../src/formats/manifest.ts';
import { parse, tempDir } from '../helpers.ts';

const manifest = suite('formats manifest');
manifest('plans the web page, with the report facts', () => {
  const plan = planManifest(parse('## A').document);
  const [{ conformance, ...page }] = plan.formats as [(typeof plan.formats)[number]];
  assert.equal(
    { ...plan, formats: [page] },
    {
      slug: 'sample',
      title: 'Sample',
      lang: 'en-GB',
      published: '2024-01-01',
      changes: [],
      formats: [{ kind: 'html', href: './', label: 'Web page', mediaType: 'text/html' }],
    },
  );
  assert.is(conformance?.standard, 'WCAG 2.2 level AA');
  assert.ok(FORMAT_KINDS.includes('audio-mp3'));
});
manifest('resolves hrefs relative to the report folder or the site', () => {
  assert.is(fileForHref('/s', 'a', './'), '/s/reports/a/index.html');
  assert.is(fileForHref('/s', 'a', 'a-large-print.pdf'), '/s/reports/a/a-large-print.pdf');
  assert.is(fileForHref('/s', 'a', '/files/a.mp3'), '/s/files/a.mp3');
});
manifest('writes formats.json with the size of each written file, and refuses a missing one', async () => {
  const tmp = await tempDir();
  try {
    await mkdir(path.join(tmp.dir, 'reports', 'sample'), { recursive: true });
    await writeFile(path.join(tmp.dir, 'reports', 'sample', 'index.html'), '<p>hello</p>');
    const written = await writeManifest(tmp.dir, planManifest(parse('## A').document));
    assert.is(written.formats[0]!.bytes, 12);
    assert.equal(JSON.parse(await readFile(path.join(tmp.dir, 'reports', 'sample', 'formats.json'), 'utf8')), written);
    const broken = planManifest(parse('## A').document, [
      { kind: 'standard-pdf', href: 'missing.pdf', label: 'PDF', mediaType: 'application/pdf' },
    ]);
    try {
      await writeManifest(tmp.dir, broken);
      assert.unreachable('a missing edition must fail');
    } catch (err) {
      assert.match((err as Error).message, 'The standard-pdf edition of "sample" was not written');
    }
  } finally {
    await tmp.remove();
  }
});
manifest.run();
