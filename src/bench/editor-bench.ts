/**
 * The editor desk's costs (npm run bench -- … editor), on the synthetic corpus, through the desk itself (no HTTP):
 * a one-sentence save and the checks shown after it, the check run as an editor types, the web preview after a save,
 * and publish → live, for one report in a one-report site and in a site of all the corpus's reports. The floor is a
 * no-change build of the same site with the same editions in a child process (as the desk's jobs build), measured in
 * the same run: a publish is that build plus saving the change note and gathering each report as it was published.
 *
 * Publishes are of the website alone (formats: none): every edition of 100 reports from a cold cache is hours of
 * audio, which the audio bench measures on its own.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/database.ts';
import { buildSite } from '../build/build-site.ts';
import { EditorDesk } from '../editor/editor-desk.ts';
import { findJob } from '../editor/editor-store.ts';
import { runFullBuild } from '../preview/run-full-build.ts';
import { stage, time, type StageResult } from './stages.ts';

const AUTHOR = { name: 'bench', email: 'bench@example.org' };

async function untilFinished(desk: EditorDesk, id: number, stageReached?: RegExp): Promise<void> {
  for (;;) {
    const job = findJob(desk.db, id)!;
    if (job.state === 'failed') throw new Error(`the ${job.kind} failed: ${job.log}`);
    if (job.state === 'done' || (stageReached && stageReached.test(job.stage ?? ''))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One site: `reports` of the corpus's reports, built, with the desk over it. */
async function siteFigures(
  corpus: string,
  reports: number,
  runs: number,
  log: (line: string) => void,
): Promise<StageResult[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'reports-bench-editor-'));
  const content = path.join(root, 'content');
  const siteDir = path.join(root, 'site');
  await cp(path.join(corpus, '_data'), path.join(content, '_data'), { recursive: true });
  for (let i = 1; i <= reports; i++)
    await cp(path.join(corpus, 'reports', `report-${i}`), path.join(content, 'reports', `report-${i}`), {
      recursive: true,
    });
  const cacheDir = path.join(root, 'cache');
  const db = openDatabase(path.join(root, 'data'));
  try {
    log(`Editor desk: building a site of ${reports} reports, then saving, previewing and publishing report-1…`);
    await buildSite({ contentDir: content, outputDir: siteDir, formats: [], cacheDir, log: () => {} });
    const desk = await EditorDesk.open(
      db,
      { contentDir: content, siteDir, previewDir: path.join(root, 'preview'), formats: [], cacheDir },
      path.join(root, 'data'),
    );
    const file = path.join(content, 'reports', 'report-1', 'index.md');
    const original = await readFile(file, 'utf8');
    const saves: number[] = [];
    const typing: number[] = [];
    const previews: number[] = [];
    const publishes: number[] = [];
    const floor: number[] = [];
    const inProcess: number[] = [];
    for (let run = 0; run < runs; run++) {
      const text = original.replace(/\n\n([A-Z])/, `\n\nIn run ${run + 1}, a sentence was added. $1`);
      saves.push(
        await time(async () => {
          await desk.save('report-1', 'report', text, await desk.versionOf('report-1', 'report'), AUTHOR);
          await desk.check('report-1');
        }),
      );
      typing.push(await time(() => desk.check('report-1', { which: 'report', text: `${text}\nMore.` })));
      previews.push(
        await time(() => untilFinished(desk, desk.queue('preview', 'report-1', AUTHOR.email), /web page is ready/)),
      );
      await desk.jobs.idle();
      publishes.push(
        await time(() => untilFinished(desk, desk.queue('publish', 'report-1', AUTHOR.email, `Bench run ${run + 1}.`))),
      );
      const again = { contentDir: content, outputDir: path.join(root, 'floor'), formats: [], cacheDir };
      floor.push(
        await time(() =>
          runFullBuild(
            again,
            () => {},
            () => {},
          ),
        ),
      );
      inProcess.push(await time(() => buildSite({ ...again, log: () => {} })));
    }
    await desk.jobs.stop();
    const f = stage('floor', floor, 1).median;
    const n = `${reports} ${reports === 1 ? 'report' : 'reports'}`;
    return [
      stage(
        `${n}: no-change build`,
        floor,
        f,
        'the same build in a child process, as jobs run it, nothing changed: the floor',
      ),
      stage(
        `${n}: … in this process`,
        inProcess,
        f,
        'buildSite again in this process (Eleventy and the parsed reports warm)',
      ),
      stage(`${n}: save → checks`, saves, f, 'a one-sentence save (a git commit) and the checks on the saved report'),
      stage(`${n}: check as you type`, typing, f, 'the same checks on unsaved text'),
      stage(`${n}: save → web preview`, previews, f, 'a preview job until its web page is ready (a child process)'),
      stage(`${n}: publish → live`, publishes, f, 'change note saved, reports gathered as published, site swapped in'),
    ];
  } finally {
    db.close();
    await rm(root, { recursive: true, force: true });
  }
}

export async function editorStages(
  corpus: string,
  reports: number,
  runs: number,
  log: (line: string) => void,
): Promise<StageResult[]> {
  return [
    ...(await siteFigures(corpus, 1, runs, log)),
    ...(reports > 1 ? await siteFigures(corpus, reports, runs, log) : []),
  ];
}
