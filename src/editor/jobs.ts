/**
 * The editor desk's background jobs, one at a time in the order asked for: a preview (the web page first, then every
 * edition) and a publish (the change note saved as a version, then every published report gathered as it was
 * published and built into the public site). Each build runs in a child process (run-full-build.ts, as the live
 * preview does), so the desk keeps answering; buildSite swaps the site in only when everything passed, so a publish
 * that fails leaves the public site exactly as it was. State and log are in the database, so a reload, another
 * editor or a restart sees them.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../server/database.ts';
import type { ContentHistory, Author } from '../history/content-history.ts';
import { runFullBuild } from '../preview/run-full-build.ts';
import type { FullBuildOptions, FullBuildOutcome } from '../preview/full-build.ts';
import type { OptionalFormat } from '../build/build-context.ts';
import { displayPath } from '../report/load-site.ts';
import { error, type Problem } from '../report/problems.ts';
import {
  appendJobLog,
  failInterruptedJobs,
  finishJob,
  latestPublications,
  nextQueuedJob,
  recordPublication,
  setJobCommit,
  setJobStage,
  startJob,
  type Job,
} from './editor-store.ts';
import { absoluteFile, readSaved, relativeFile } from './report-files.ts';
import { PublishNoteError, withPublishNote } from './publish-note.ts';
import { londonDate } from '../server/working-days.ts';

export interface EditorPaths {
  contentDir: string;
  /** The public site, replaced by each publish that succeeds. */
  siteDir: string;
  /** Where previews are built (served signed-in under /staff/preview/). */
  previewDir: string;
  cacheDir?: string;
  /** Editions to make (default: all); tests may leave slow ones out. */
  formats?: readonly OptionalFormat[];
}

export class EditorJobs {
  private running: Promise<void> | undefined;
  private child: ChildProcess | undefined;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly db: Db,
    private readonly history: ContentHistory,
    private readonly paths: EditorPaths,
    private readonly authorOf: (email: string) => Author,
  ) {
    failInterruptedJobs(db);
  }

  /** Stops the running build (the server is closing): the job is marked failed when the server next starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.child?.kill('SIGTERM');
    await this.running;
  }

  /** Starts the next queued job if none is running. */
  kick(): void {
    if (this.running || this.stopped) return;
    const job = nextQueuedJob(this.db);
    if (!job) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    startJob(this.db, job.id);
    this.running = this.run(job)
      .catch((err: unknown) => {
        appendJobLog(this.db, job.id, `The job stopped: ${err instanceof Error ? err.message : String(err)}`);
        finishJob(this.db, job.id, false);
      })
      .finally(() => {
        this.running = undefined;
        this.kick();
      });
  }

  /** Resolves when no job is running or queued (for tests and shutdown). */
  idle(): Promise<void> {
    if (!this.running && !nextQueuedJob(this.db)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private log(job: Job, line: string): void {
    appendJobLog(this.db, job.id, line);
  }

  private stage(job: Job, stage: string): void {
    setJobStage(this.db, job.id, stage);
    this.log(job, stage);
  }

  private build(job: Job, options: FullBuildOptions, shownFor?: string): Promise<FullBuildOutcome> {
    const moved = shownFor ? this.movedFrom(shownFor) : (line: string) => line;
    return runFullBuild(
      { ...options, ...(this.paths.cacheDir ? { cacheDir: this.paths.cacheDir } : {}) },
      (line) => this.log(job, moved(line)),
      (child) => (this.child = child),
    ).then((outcome) => (shownFor && 'problems' in outcome ? this.relocated(outcome, shownFor) : outcome));
  }

  /** Problems found in a gathered copy of the content are named at the content folder's own files. */
  private relocated(outcome: { ok: false; problems: Problem[]; message: string }, tree: string): FullBuildOutcome {
    const moved = this.movedFrom(tree);
    return {
      ...outcome,
      message: moved(outcome.message),
      problems: outcome.problems.map((p) => ({
        ...p,
        file: moved(p.file),
        message: moved(p.message),
        fix: moved(p.fix),
      })),
    };
  }

  /** Text that names the gathered copy's files named at the content folder's own. */
  private movedFrom(tree: string): (text: string) => string {
    const from = [tree, displayPath(tree)];
    const to = displayPath(path.resolve(this.paths.contentDir));
    return (text) => from.reduce((t, f) => t.split(f).join(to), text);
  }

  private finish(job: Job, outcome: FullBuildOutcome): boolean {
    if (outcome.ok) return true;
    if ('crash' in outcome) {
      this.log(job, `The build stopped with an error in the publishing tool (not in the report): ${outcome.crash}`);
      finishJob(this.db, job.id, false);
    } else {
      this.log(job, outcome.message);
      finishJob(this.db, job.id, false, outcome.problems);
    }
    return false;
  }

  private async run(job: Job): Promise<void> {
    if (job.kind === 'preview') return this.preview(job);
    return this.publish(job);
  }

  private async preview(job: Job): Promise<void> {
    const base: FullBuildOptions = {
      contentDir: this.paths.contentDir,
      outputDir: this.paths.previewDir,
      includeDrafts: true,
    };
    this.stage(job, 'Making the web page');
    if (!this.finish(job, await this.build(job, { ...base, formats: [] }))) return;
    this.stage(job, 'The web page is ready. Making the PDFs, easy read, audio, braille and EPUB');
    if (!this.finish(job, await this.build(job, { ...base, ...this.formats() }))) return;
    this.stage(job, 'Every edition is ready');
    finishJob(this.db, job.id, true);
  }

  private formats(): Pick<FullBuildOptions, 'formats'> {
    return this.paths.formats ? { formats: this.paths.formats } : {};
  }

  private async publish(job: Job): Promise<void> {
    const { contentDir } = this.paths;
    this.stage(job, 'Saving the change note as a new version');
    const saved = await readSaved(contentDir, job.slug, 'report');
    if (saved === undefined) {
      this.log(job, 'The report has no text to publish.');
      finishJob(this.db, job.id, false);
      return;
    }
    let text: string;
    try {
      text = withPublishNote(saved, job.note ?? undefined, londonDate(new Date()));
    } catch (err) {
      if (!(err instanceof PublishNoteError)) throw err;
      finishJob(this.db, job.id, false, [
        error(displayPath(absoluteFile(contentDir, job.slug, 'report')), 1, err.message, err.fix, 'front-matter'),
      ]);
      return;
    }
    const file = relativeFile(job.slug, 'report');
    const result = await this.history.save(
      [{ file, write: () => writeFile(absoluteFile(contentDir, job.slug, 'report'), text) }],
      `Published${job.note ? `: ${job.note}` : ''}`,
      this.authorOf(job.requestedBy),
    );
    const commit = ('commit' in result && result.commit) || (await this.history.lastCommitOf(file));
    if (!commit) throw new Error('the report has no saved version');
    setJobCommit(this.db, job.id, commit);

    this.stage(job, 'Gathering every published report as it was published');
    const tree = await mkdtemp(path.join(tmpdir(), 'publish-'));
    try {
      const published = latestPublications(this.db);
      const head = (await this.history.versions([], 1))[0]!.commit;
      const top = (await this.history.topLevel(head)).filter((name) => name !== 'reports');
      if (top.length) await this.history.extract(head, top, tree);
      published.set(job.slug, { slug: job.slug, commit, note: '', by: '', at: '' });
      // One copy per commit, not per report: most reports share the version they were last published at.
      const byCommit = new Map<string, string[]>();
      for (const [slug, p] of published) byCommit.set(p.commit, [...(byCommit.get(p.commit) ?? []), `reports/${slug}`]);
      for (const [at, folders] of byCommit) await this.history.extract(at, folders, tree);

      this.stage(job, 'Building every edition of the site');
      const outcome = await this.build(
        job,
        { contentDir: tree, outputDir: this.paths.siteDir, includeDrafts: false, ...this.formats() },
        tree,
      );
      if (!this.finish(job, outcome)) {
        this.log(job, 'Nothing was published: the public site is as it was.');
        return;
      }
    } finally {
      await rm(tree, { recursive: true, force: true });
    }
    recordPublication(this.db, {
      slug: job.slug,
      commit,
      note: job.note ?? '',
      by: job.requestedBy,
      at: new Date().toISOString(),
    });
    this.stage(job, 'Published: the public site now has this version');
    finishJob(this.db, job.id, true);
  }
}
