/**
 * What the editor desk keeps in the database: each report's publications (the commit it was published at, with the
 * change note) and the background jobs that preview and publish (queued, running, done or failed, with their log).
 */
import type { Db } from '../server/database.ts';
import type { Problem } from '../report/problems.ts';

export interface Publication {
  slug: string;
  commit: string;
  note: string;
  by: string;
  at: string;
}

export type JobKind = 'preview' | 'publish';
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: number;
  kind: JobKind;
  slug: string;
  state: JobState;
  requestedBy: string;
  note: string | null;
  commit: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** What the job is doing now, in words ("making the web page", "making the PDFs and audio"). */
  stage: string | null;
  log: string;
  /** The content problems that stopped it, if any. */
  problems: Problem[];
}

interface JobRow {
  id: number;
  kind: JobKind;
  slug: string;
  state: JobState;
  requested_by: string;
  note: string | null;
  commit_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  stage: string | null;
  log: string;
  problems: string | null;
}

const toJob = (row: JobRow): Job => ({
  id: row.id,
  kind: row.kind,
  slug: row.slug,
  state: row.state,
  requestedBy: row.requested_by,
  note: row.note,
  commit: row.commit_id,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  stage: row.stage,
  log: row.log,
  problems: row.problems ? (JSON.parse(row.problems) as Problem[]) : [],
});

export function recordPublication(db: Db, p: Publication): void {
  db.prepare('INSERT INTO publications (slug, commit_id, note, published_by, published_at) VALUES (?, ?, ?, ?, ?)').run(
    p.slug,
    p.commit,
    p.note,
    p.by,
    p.at,
  );
}

/** Each report's newest publication. */
export function latestPublications(db: Db): Map<string, Publication> {
  const rows = db
    .prepare(
      `SELECT slug, commit_id AS 'commit', note, published_by AS by, published_at AS at FROM publications
       WHERE id IN (SELECT MAX(id) FROM publications GROUP BY slug)`,
    )
    .all() as Publication[];
  return new Map(rows.map((r) => [r.slug, r]));
}

export function queueJob(db: Db, job: { kind: JobKind; slug: string; by: string; note?: string }): number {
  return Number(
    db
      .prepare(
        "INSERT INTO editor_jobs (kind, slug, state, requested_by, note, created_at) VALUES (?, ?, 'queued', ?, ?, ?)",
      )
      .run(job.kind, job.slug, job.by, job.note ?? null, new Date().toISOString()).lastInsertRowid,
  );
}

export function findJob(db: Db, id: number): Job | undefined {
  const row = db.prepare('SELECT * FROM editor_jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row && toJob(row);
}

export function nextQueuedJob(db: Db): Job | undefined {
  const row = db.prepare("SELECT * FROM editor_jobs WHERE state = 'queued' ORDER BY id LIMIT 1").get() as
    JobRow | undefined;
  return row && toJob(row);
}

/** Jobs for one report (or all), newest first. */
export function listJobs(db: Db, slug?: string, limit = 20): Job[] {
  const rows = (
    slug
      ? db.prepare('SELECT * FROM editor_jobs WHERE slug = ? ORDER BY id DESC LIMIT ?').all(slug, limit)
      : db.prepare('SELECT * FROM editor_jobs ORDER BY id DESC LIMIT ?').all(limit)
  ) as JobRow[];
  return rows.map(toJob);
}

export function startJob(db: Db, id: number): void {
  db.prepare("UPDATE editor_jobs SET state = 'running', started_at = ? WHERE id = ?").run(new Date().toISOString(), id);
}

export function setJobStage(db: Db, id: number, stage: string): void {
  db.prepare('UPDATE editor_jobs SET stage = ? WHERE id = ?').run(stage, id);
}

export function setJobCommit(db: Db, id: number, commit: string): void {
  db.prepare('UPDATE editor_jobs SET commit_id = ? WHERE id = ?').run(commit, id);
}

export function appendJobLog(db: Db, id: number, line: string): void {
  db.prepare('UPDATE editor_jobs SET log = log || ? || char(10) WHERE id = ?').run(line, id);
}

export function finishJob(db: Db, id: number, ok: boolean, problems: readonly Problem[] = []): void {
  db.prepare('UPDATE editor_jobs SET state = ?, finished_at = ?, problems = ? WHERE id = ?').run(
    ok ? 'done' : 'failed',
    new Date().toISOString(),
    problems.length ? JSON.stringify(problems) : null,
    id,
  );
}

/** A job left running when the server stopped is over: it is marked failed, saying so, and nothing was published. */
export function failInterruptedJobs(db: Db): number {
  const changed = db
    .prepare("UPDATE editor_jobs SET state = 'failed', finished_at = ?, log = log || ? WHERE state = 'running'")
    .run(new Date().toISOString(), 'The server stopped while this ran, so it did not finish. Nothing was published.\n');
  return changed.changes;
}
