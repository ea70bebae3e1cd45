/**
 * Two figures an editor feels: how long `npm run build` takes when nothing changed, in a fresh process as they run it
 * (start-up counts: loading and transpiling modules), against raw Eleventy on the same Markdown in a fresh process;
 * and, in the live preview, how long from saving one report to its updated page being served, and until the full build
 * that follows (PDFs, other pages) is done.
 */
import { execFile } from 'node:child_process';
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { startPreview } from '../preview/preview-server.ts';
import { median, stage, time, type StageResult } from './stages.ts';

const run = promisify(execFile);
/** What the benchmark's site builds make besides the web pages (audio for 100 reports would take hours). */
const FORMATS = 'print,easy-read';

export async function freshProcessStages(
  root: string,
  content: string,
  cacheDir: string,
  runs: number,
  log: (line: string) => void,
): Promise<StageResult[]> {
  const emptyConfig = path.join(root, 'fresh-raw.config.mjs');
  await writeFile(emptyConfig, 'export default function () {}\n');
  const raw = () =>
    run(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'node_modules/@11ty/eleventy/cmd.cjs'),
        `--input=${path.join(content, 'reports')}`,
        `--output=${path.join(root, 'fresh-raw-out')}`,
        `--config=${emptyConfig}`,
        '--quiet',
      ],
      { cwd: root },
    );
  const ours = () =>
    run(
      process.execPath,
      ['src/cli/launch.mjs', 'build', '--content', content, '--output', path.join(root, 'site'), '--formats', FORMATS],
      { cwd: PROJECT_ROOT, env: { ...process.env, REPORTS_CACHE_DIR: cacheDir } },
    );
  log('npm run build with nothing changed, in fresh processes…');
  // Once each first, so neither pays for a cold disk cache or tsx's first transpile.
  await raw();
  await ours();
  const timings = { raw: [] as number[], ours: [] as number[] };
  for (let i = 0; i < runs; i++) {
    timings.raw.push(await time(raw));
    timings.ours.push(await time(ours));
  }
  const floor = median(timings.raw);
  return [
    stage('fresh raw Eleventy', timings.raw, floor, 'the floor for the next line'),
    stage(
      'npm run build, no change',
      timings.ours,
      floor,
      `fresh process, --formats ${FORMATS}; target at most 3× the line above`,
    ),
  ];
}

/** `floor` is raw Eleventy in this process, for the ratio column. */
export async function previewStages(
  root: string,
  content: string,
  cacheDir: string,
  runs: number,
  floor: number,
  log: (line: string) => void,
): Promise<StageResult[]> {
  log('Live preview: saving one report, until its page is served, then until the full build is done…');
  const preview = await startPreview({
    contentDir: content,
    outputDir: path.join(root, 'preview'),
    port: 0,
    cacheDir,
    formats: FORMATS.split(',') as ['print', 'easy-read'],
    log: () => {},
  });
  // As an editor would: the preview is started and has settled (its modules loaded) before the first save.
  await preview.idle();
  const page = new URL('reports/report-2/', preview.url);
  const latency: number[] = [];
  const following: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const sentence = `A sentence saved in preview run ${i} at ${Date.now()}.`;
      const saved = performance.now();
      await appendFile(path.join(content, 'reports', 'report-2', 'index.md'), `\n${sentence}\n`);
      for (;;) {
        if ((await (await fetch(page)).text()).includes(sentence)) break;
        if (performance.now() - saved > 120_000) throw new Error('the preview did not show the edit within 2 minutes');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      latency.push((performance.now() - saved) / 1000);
      await preview.idle();
      following.push((performance.now() - saved) / 1000);
    }
  } finally {
    await preview.close();
  }
  return [
    stage(
      'preview: save → page',
      latency,
      floor,
      'one report of 100 edited; target under 1 s (includes up to 0.15 s until the watcher looks)',
    ),
    stage(
      'preview: save → all done',
      following,
      floor,
      `the full build that follows in the background (${FORMATS}, PDFs of the edited report typeset again)`,
    ),
  ];
}
