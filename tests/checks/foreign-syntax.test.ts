/**
 * Syntax brought from other site generators (Jekyll and kramdown, Liquid, Hugo, MkDocs, HTML) through a real build:
 * every construct gets a message at its own line with a fix; the same report with each fix applied as written
 * (tests/fixtures/foreign-syntax/fixed.md) builds with every edition, parity check and PDF read-back included — a
 * menu path ("A > B & C"), bold over part of a word ("**Explain**s"), a long web address in a narrow table column
 * (it must print inside its cell at 18 pt, which the PDF read-back checks) and the audio's hard cases among them — and
 * no message anywhere calls the editor's text a fault of the publishing tool.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSite } from '../../src/build/build-site.ts';
import { formatProblem } from '../../src/report/problems.ts';
import { problemsStoppingBuild } from './build-problems.ts';
import { tempDir } from '../helpers.ts';

async function siteWith(dir: string, fixture: 'before' | 'fixed'): Promise<string> {
  const content = path.join(dir, 'content');
  await cp(path.resolve('tests/fixtures/basic-site'), content, { recursive: true });
  const folder = path.join(content, 'reports', 'foreign');
  await mkdir(folder, { recursive: true });
  await copyFile(path.resolve(`tests/fixtures/foreign-syntax/${fixture}.md`), path.join(folder, 'index.md'));
  await copyFile(
    path.resolve('tests/fixtures/basic-site/reports/first-report/chart.png'),
    path.join(folder, 'chart.png'),
  );
  return content;
}

const foreign = suite('foreign syntax, before and after the fixes');
foreign(
  'before: every construct at its line, in one round; after the fixes as written: every edition builds',
  async () => {
    const tmp = await tempDir();
    try {
      const stopped = await problemsStoppingBuild(
        await siteWith(path.join(tmp.dir, 'a'), 'before'),
        path.join(tmp.dir, 'a'),
      );
      const problems = stopped.filter((p) => p.file.endsWith(path.join('foreign', 'index.md')));
      const errors = problems.filter((p) => p.severity === 'error');
      assert.equal(
        errors.map((p) => p.line),
        [16, 19, 23, 27, 31, 36, 39, 43, 45],
        problems.map(formatProblem).join('\n'),
      );
      for (const p of problems) assert.not.match(p.fix, /fault in the publishing tool/);

      const built = await buildSite({
        contentDir: await siteWith(path.join(tmp.dir, 'b'), 'fixed'),
        outputDir: path.join(tmp.dir, 'b', 'site'),
        cacheDir: path.join(tmp.dir, 'cache'),
        log: () => {},
      });
      const left = built.site.warnings.filter(
        (p) => p.file.endsWith(path.join('foreign', 'index.md')) && p.severity !== 'note',
      );
      assert.equal(left.map(formatProblem), []);
      const script = await readFile(
        path.join(tmp.dir, 'b', 'site', 'reports', 'foreign', 'foreign-audio-script.txt'),
        'utf8',
      );
      // The captions show what is written; the script says it as a listener should hear it.
      const captions = await readFile(
        path.join(tmp.dir, 'b', 'site', 'reports', 'foreign', 'foreign-audio.vtt'),
        'utf8',
      );
      assert.match(captions, 'Find the rules on GOV.UK, checked by the W3C.');
      // A nested list prints with markers the print font has: no fallback-font warning for a character nobody typed.
      assert.not.ok(built.site.warnings.some((p) => /not in the print font/.test(p.message)));
      assert.match(
        script,
        'Find the rules on gov dot U K, checked by the W 3 C. We used at axe-core slash puppeteer 5 point x point x, from a link to designsystem dot digital dot gov. Healthwatch Lambeth, Unit 4, Brixton Hill.',
      );
    } finally {
      await tmp.remove();
    }
  },
);
foreign(
  'one round: problems in the front matter, the body and an HTML block are all reported by one build',
  async () => {
    const tmp = await tempDir();
    try {
      const content = path.join(tmp.dir, 'content');
      await cp(path.resolve('tests/fixtures/basic-site'), content, { recursive: true });
      await mkdir(path.join(content, 'reports', 'mixed'), { recursive: true });
      await writeFile(
        path.join(content, 'reports', 'mixed', 'index.md'),
        [
          '---',
          'title: Mixed problems',
          'summary: Advice: what to do', // 3: a colon in an unquoted value
          'published: 2024-06-01',
          '---',
          '',
          'Opening paragraph with [click here](/reports/first-report/).', // 7: vague link text
          '',
          '<div class="box">', // 9: an HTML block
          '<p>Boxed text.</p>',
          '</div>',
          '',
          '{% include footer.html %}', // 13: a template tag
        ].join('\n'),
      );
      const stopped = await problemsStoppingBuild(content, tmp.dir);
      const lines = stopped
        .filter((p) => p.file.endsWith(path.join('mixed', 'index.md')) && p.severity === 'error')
        .map((p) => p.line);
      assert.equal(lines, [3, 7, 9, 13]);
    } finally {
      await tmp.remove();
    }
  },
);
foreign.run();
