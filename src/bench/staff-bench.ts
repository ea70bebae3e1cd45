/**
 * The staff desk's costs (npm run bench -- … staff): argon2id at the cost chosen (ARGON2_COST) against OWASP's
 * minimum, a whole sign-in through the server's routes, and the requests inbox and a request page with 10,000
 * requests stored (first page, a format filter, the overdue ones). Page times are against the sign-in page's own
 * (a template and nothing else), measured in the same run.
 */
import { hash } from '@node-rs/argon2';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { prepareSite } from '../report/prepare-site.ts';
import { openDatabase } from '../server/database.ts';
import { createServer } from '../server/app.ts';
import { saveRequest } from '../server/store.ts';
import { addAccount } from '../server/auth/accounts.ts';
import { ARGON2_COST, hashPassword } from '../server/auth/passwords.ts';
import { stage, time, type StageResult } from './stages.ts';

const PASSWORD = 'bench kettle orbit lantern';
const STORED_REQUESTS = 10_000;

async function runs(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await time(fn));
  return out;
}

export async function staffStages(count: number, log: (line: string) => void): Promise<StageResult[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'reports-bench-staff-'));
  const db = openDatabase(path.join(root, 'data'));
  try {
    log('Staff desk: argon2id costs…');
    const owaspMinimum = await runs(count, () =>
      hash(PASSWORD, { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 }),
    );
    const middle = await runs(count, () =>
      hash(PASSWORD, { algorithm: 2, memoryCost: 46 * 1024, timeCost: 1, parallelism: 1 }),
    );
    const chosen = await runs(count, () => hashPassword(PASSWORD));

    log(`Staff desk: storing ${STORED_REQUESTS.toLocaleString('en-GB')} requests…`);
    const site = await prepareSite(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'basic-site'));
    const formats = site.settings.requests.formats;
    const start = Date.now() - 400 * 24 * 3600 * 1000;
    db.transaction(() => {
      for (let i = 0; i < STORED_REQUESTS; i++)
        saveRequest(
          db,
          {
            report: 'first-report',
            format: 'x',
            formatOther: '',
            replyBy: 'email',
            email: `reader${i}@example.org`,
            phone: '',
            address: '',
            name: '',
            note: '',
            storedFormat: formats[i % formats.length]!,
            followUps: {},
          },
          { slug: `report-${i % 40}`, title: `Report number ${i % 40}` },
          new Date(start + i * 3_456_000),
        );
    })();
    // Three in four done, as in a year of work.
    db.prepare('UPDATE requests SET done_at = created_at, email = NULL WHERE id % 4 != 0').run();
    addAccount(db, 'bench@example.org', ['requests'], await hashPassword(PASSWORD));
    const app = await createServer({ siteDir: root, db, organisation: site.organisation, settings: site.settings });
    await app.ready();
    try {
      const signIn = async (): Promise<string> => {
        const page = await app.inject({ url: '/staff/sign-in/' });
        const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
        const reply = await app.inject({
          method: 'POST',
          url: '/staff/sign-in/',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ token, email: 'bench@example.org', password: PASSWORD }).toString(),
        });
        return String(reply.headers['set-cookie']).split(';')[0]!;
      };
      const signInTimes = await runs(count, signIn);
      const cookie = await signIn();
      const get = (url: string) => async (): Promise<void> => {
        const reply = await app.inject({ url, headers: { cookie } });
        if (reply.statusCode !== 200) throw new Error(`${url}: ${reply.statusCode}`);
      };
      const pageRuns = Math.max(5, count);
      const floor = await runs(pageRuns, async () => app.inject({ url: '/staff/sign-in/' }));
      const ref = (db.prepare('SELECT ref FROM requests WHERE done_at IS NULL LIMIT 1').get() as { ref: string }).ref;
      const inbox = await runs(pageRuns, get('/staff/requests/'));
      const everything = await runs(pageRuns, get('/staff/requests/?state=all&page=100'));
      const filtered = await runs(
        pageRuns,
        get(`/staff/requests/?state=all&format=${encodeURIComponent(formats[0]!)}`),
      );
      const one = await runs(pageRuns, get(`/staff/requests/${ref}/`));
      const summary = await runs(pageRuns, get('/staff/summary/'));
      const floorMedian = [...floor].sort((a, b) => a - b)[Math.floor(floor.length / 2)]!;
      const minimum = [...owaspMinimum].sort((a, b) => a - b)[Math.floor(owaspMinimum.length / 2)]!;
      const inMs = (result: StageResult): StageResult => ({
        ...result,
        note: `${(result.median * 1000).toFixed(1)} ms; ${result.note ?? ''}`,
      });
      return [
        stage('argon2id 19 MiB × 2', owaspMinimum, minimum, "OWASP's minimum (the floor)"),
        stage('argon2id 46 MiB × 1', middle, minimum, "OWASP's other setting"),
        stage(
          `argon2id ${ARGON2_COST.memoryCost / 1024} MiB × ${ARGON2_COST.timeCost}`,
          chosen,
          minimum,
          'the cost chosen (RFC 9106, second setting, 1 lane)',
        ),
        stage('sign-in, whole', signInTimes, minimum, 'form, argon2 verify, session, redirect'),
        stage('sign-in page', floor, floorMedian, 'a template and nothing else (the floor for pages)'),
        stage('inbox, 10,000 stored', inbox, floorMedian, `first page of the open ones (${STORED_REQUESTS / 4} open)`),
        stage('inbox, all, page 100', everything, floorMedian, 'every request dated and sorted'),
        stage('inbox, one format', filtered, floorMedian, 'all states, filtered by format'),
        stage('request page', one, floorMedian, 'details, due date, audit lines'),
        stage('yearly summary', summary, floorMedian, 'table and chart'),
      ].map(inMs);
    } finally {
      await app.close();
    }
  } finally {
    db.close();
    await rm(root, { recursive: true, force: true });
  }
}
