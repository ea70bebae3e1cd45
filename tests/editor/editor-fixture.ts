/**
 * What the editor desk tests share: a copy of the basic site's content (the desk writes to it), the site built from
 * it, and a forms server with the editor desk over both, with an editor signed in through the real form.
 */
import path from 'node:path';
import { cp, readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Db } from '../../src/server/database.ts';
import { createServer } from '../../src/server/app.ts';
import { buildSite } from '../../src/build/build-site.ts';
import type { OptionalFormat } from '../../src/build/build-context.ts';
import { findJob, type Job } from '../../src/editor/editor-store.ts';
import { addStaff, form, signIn } from '../server/staff/desk-fixture.ts';
import { freePort, tempDir } from '../helpers.ts';

export interface EditorDeskFixture {
  /** Where the server listens (only when asked to listen). */
  origin: string;
  app: FastifyInstance;
  db: Db;
  contentDir: string;
  siteDir: string;
  dataDir: string;
  close: () => Promise<void>;
}

export async function startEditorDesk(
  options: { content?: string; formats?: readonly OptionalFormat[]; listen?: boolean } = {},
): Promise<EditorDeskFixture> {
  const tmp = await tempDir('editor-desk-');
  const contentDir = path.join(tmp.dir, 'content');
  const siteDir = path.join(tmp.dir, 'site');
  const dataDir = path.join(tmp.dir, 'data');
  await cp(options.content ?? path.resolve('tests/fixtures/basic-site'), contentDir, { recursive: true });
  const formats = options.formats ?? [];
  const built = await buildSite({ contentDir, outputDir: siteDir, log: () => {}, formats });
  const db = openDatabase(dataDir);
  const port = options.listen ? await freePort() : undefined;
  const app = await createServer({
    ...(port ? { port } : {}),
    siteDir,
    db,
    organisation: built.site.organisation,
    settings: built.site.settings,
    editor: { contentDir, dataDir, formats },
  });
  await app.ready();
  if (port) await app.listen({ port, host: '127.0.0.1' });
  return {
    origin: port ? `http://127.0.0.1:${port}` : '',
    app,
    db,
    contentDir,
    siteDir,
    dataDir,
    close: async () => {
      await app.close();
      db.close();
      await tmp.remove();
    },
  };
}

export async function signInEditor(app: FastifyInstance, db: Db, email = 'editor@example.org') {
  await addStaff(db, email, ['editor']);
  return signIn(app, email);
}

/** Posts a desk form as the signed-in editor. */
export function post(
  app: FastifyInstance,
  url: string,
  who: { cookie: string; csrf: string },
  fields: Record<string, string>,
) {
  const body = form({ csrf: who.csrf, ...fields });
  return app.inject({ method: 'POST', url, ...body, headers: { ...body.headers, cookie: who.cookie } });
}

/** Posts a desk form with one file (multipart, the file last, as a browser sends it). */
export function postFile(
  app: FastifyInstance,
  who: { cookie: string; csrf: string },
  url: string,
  file: { name: string; bytes: Buffer },
  fields: Record<string, string> = {},
) {
  const boundary = '----desk-test-boundary';
  const field = (key: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`);
  const payload = Buffer.concat([
    field('csrf', who.csrf),
    ...Object.entries(fields).map(([k, v]) => field(k, v)),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/** Waits for a job to finish (they run in the background). */
export async function jobDone(db: Db, id: number, timeoutMs = 600_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = findJob(db, id)!;
    if (job.state === 'done' || job.state === 'failed') return job;
    if (Date.now() > until) throw new Error(`job ${id} did not finish: ${job.state}, ${job.stage}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const jobIdIn = (location: string | undefined): number =>
  Number(/\/staff\/jobs\/(\d+)\//.exec(location ?? '')?.[1]);

/** Every file of a folder with a hash of its bytes: two equal maps are byte-identical folders. */
export async function folderHashes(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const hashes = new Map<string, string>();
  for (const e of entries.filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(e.parentPath, e.name);
    hashes.set(
      path.relative(dir, file),
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    );
  }
  return hashes;
}
