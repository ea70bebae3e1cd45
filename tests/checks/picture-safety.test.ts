/**
 * Hostile pictures through a real build: a report using every cleanable picture of tests/fixtures/hostile-svg/ is
 * built (web page, PDFs, EPUB); each picture gets a warning at its line saying what was taken out, the published SVGs
 * and everything inside the EPUB hold none of the attack, and the editor's own files are unchanged. A picture that
 * cannot be cleaned stops the build with an error at its line. The build also writes _headers for static hosts.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { buildSite } from '../../src/build/build-site.ts';
import { formatProblem } from '../../src/report/problems.ts';
import { problemsStoppingBuild } from './build-problems.ts';
import { SECURITY_HEADERS, PICTURE_CSP } from '../../src/formats/site/security-headers.ts';
import { tempDir } from '../helpers.ts';

const HOSTILE = path.resolve('tests/fixtures/hostile-svg');
const CLEANABLE = [
  'script.svg',
  'event-handlers.svg',
  'javascript-links.svg',
  'foreign-object.svg',
  'animate.svg',
  'external-references.svg',
  'data-uri.svg',
];
const DANGER =
  /<script|\son[a-z]+\s*=|javascript:|vbscript:|data:text|data:image\/svg|<foreignObject|<iframe|<animate|<set[\s>]|@import|evil\.example|<!ENTITY/i;

/** A copy of the basic site with a report whose figures are the hostile pictures, one per paragraph. */
async function hostileSite(dir: string, pictures: readonly string[]): Promise<{ content: string; lines: number[] }> {
  const content = path.join(dir, 'content');
  await cp(path.resolve('tests/fixtures/basic-site'), content, { recursive: true });
  const folder = path.join(content, 'reports', 'hostile-charts');
  await cp(HOSTILE, folder, { recursive: true });
  const front = [
    '---',
    'title: Hostile charts',
    'summary: Pictures that try to run code.',
    'published: 2024-06-01',
    '---',
    '',
  ];
  const body: string[] = ['Charts sent in by a contributor.', ''];
  const lines: number[] = [];
  for (const [i, picture] of pictures.entries()) {
    body.push(`## Chart ${i + 1}`, '');
    lines.push(front.length + body.length + 1);
    body.push(`![A bar chart of waiting times, number ${i + 1}](${picture})`, '');
  }
  await writeFile(path.join(folder, 'index.md'), [...front, ...body].join('\n'));
  return { content, lines };
}

const pictures = suite('hostile pictures in a build');
pictures('each is cleaned with a warning at its line; the site and the EPUB publish none of the attack', async () => {
  const tmp = await tempDir();
  try {
    const { content, lines } = await hostileSite(tmp.dir, CLEANABLE);
    const originals = await Promise.all(CLEANABLE.map((f) => readFile(path.join(HOSTILE, f), 'utf8')));
    const out = path.join(tmp.dir, 'site');
    const built = await buildSite({
      contentDir: content,
      outputDir: out,
      cacheDir: path.join(tmp.dir, 'cache'),
      log: () => {},
      formats: ['print', 'epub'],
    });
    const warnings = built.site.warnings
      .filter((p) => p.file.endsWith(path.join('hostile-charts', 'index.md')) && p.severity === 'warning')
      .filter((p) => /taken out of the published copy/.test(p.message));
    assert.equal(
      warnings.map((w) => w.line),
      lines,
      warnings.map(formatProblem).join('\n'),
    );
    assert.match(
      formatProblem(warnings[0]!),
      /script\.svg had parts that could run code .*a <script> element — export the chart again without interactivity/,
    );

    const svgs = (await readdir(path.join(out, 'img'))).filter((f) => f.endsWith('.svg'));
    // Pictures that come out the same once cleaned are one file (eleventy-img names files by their content).
    const page = await readFile(path.join(out, 'reports', 'hostile-charts', 'index.html'), 'utf8');
    const used = new Set([...page.matchAll(/src="\/img\/([^"]+\.svg)"/g)].map((m) => m[1]));
    assert.is([...page.matchAll(/<img [^>]*src="\/img\/[^"]+\.svg"/g)].length, CLEANABLE.length);
    assert.equal([...used].sort(), svgs.sort());
    for (const name of svgs) {
      const text = await readFile(path.join(out, 'img', name), 'utf8');
      assert.not.match(text, DANGER, name);
      assert.match(text, /Waiting times/, `${name} still shows its label`);
    }
    const epub = await JSZip.loadAsync(
      await readFile(path.join(out, 'reports', 'hostile-charts', 'hostile-charts.epub')),
    );
    for (const [name, entry] of Object.entries(epub.files)) {
      if (entry.dir || /\.(png|jpe?g|mp3|woff2?|ttf|otf)$/i.test(name)) continue;
      assert.not.match(await entry.async('string'), DANGER, `EPUB ${name}`);
    }
    // The editor's files are as they were.
    for (const [i, file] of CLEANABLE.entries())
      assert.is(await readFile(path.join(content, 'reports', 'hostile-charts', file), 'utf8'), originals[i], file);

    // Static hosts get the server's headers, and a sandbox for pictures.
    const headers = await readFile(path.join(out, '_headers'), 'utf8');
    assert.match(headers, `/*\n  Content-Security-Policy: ${SECURITY_HEADERS['content-security-policy']}\n`);
    assert.match(headers, `/img/*\n  Content-Security-Policy: ${PICTURE_CSP}`);
    assert.not.match(await readFile(path.join(out, 'sitemap.xml'), 'utf8'), '_headers');
  } finally {
    await tmp.remove();
  }
});

pictures(
  'a picture that cannot be cleaned stops the build with an error at its line; nothing is published',
  async () => {
    const tmp = await tempDir();
    try {
      const { content, lines } = await hostileSite(tmp.dir, ['script.svg', 'entity.svg', 'only-script.svg']);
      const stopped = await problemsStoppingBuild(content, tmp.dir);
      const errors = stopped.filter((p) => p.severity === 'error');
      assert.equal(
        errors.map((e) => e.line),
        lines.slice(1),
        errors.map(formatProblem).join('\n'),
      );
      assert.match(formatProblem(errors[0]!), /entity\.svg cannot be published: it uses XML entities/);
      assert.match(formatProblem(errors[1]!), /only-script\.svg cannot be published: nothing would be left to show/);
      assert.not.ok(
        await readdir(path.join(tmp.dir, 'site')).then(
          () => true,
          () => false,
        ),
        'no site written',
      );
    } finally {
      await tmp.remove();
    }
  },
);
pictures.run();
