/**
 * What the staff desk tests share: the basic site built once, a server over a fresh database with staff accounts,
 * signing in through the real form (app.inject: the same routes and hooks as over HTTP), and reading the cookie and
 * CSRF token a page carries.
 */
import path from 'node:path';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { PROJECT_ROOT } from '../../../src/build/project-root.ts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, type Db } from '../../../src/server/database.ts';
import { createServer } from '../../../src/server/app.ts';
import { addAccount, type Role } from '../../../src/server/auth/accounts.ts';
import { hashPassword } from '../../../src/server/auth/passwords.ts';
import type { PageChrome } from '../../../src/server/render.ts';
import { buildBasicSite, tokenIn } from '../forms-fixture.ts';
import { tempDir } from '../../helpers.ts';

export const PASSWORD = 'kettle orbit lantern meadow';

export interface Desk {
  app: FastifyInstance;
  db: Db;
  dir: string;
  chrome: PageChrome;
  close: () => Promise<void>;
}

/** A built basic site, to share between desks (building takes a few seconds). */
export interface BuiltSite {
  dir: string;
  chrome: PageChrome;
}

export async function startDesk(
  options: { site?: BuiltSite; settings?: Partial<PageChrome['settings']> } = {},
): Promise<Desk> {
  const tmp = await tempDir();
  const siteDir = options.site?.dir ?? path.join(tmp.dir, 'site');
  const chrome = options.site?.chrome ?? (await buildBasicSite(siteDir));
  const db = openDatabase(path.join(tmp.dir, 'data'));
  const app = await createServer({
    siteDir,
    db,
    organisation: chrome.organisation,
    settings: { ...chrome.settings, ...options.settings },
  });
  await app.ready();
  return {
    app,
    db,
    dir: tmp.dir,
    chrome,
    close: async () => {
      await app.close();
      db.close();
      await tmp.remove();
    },
  };
}

/** Hashing is the slow part (≈0.1 s): one hash of PASSWORD, shared by every account the tests make. */
let passwordHash: Promise<string> | undefined;
export async function addStaff(db: Db, email: string, roles: Role[] = ['requests']): Promise<void> {
  passwordHash ??= hashPassword(PASSWORD);
  addAccount(db, email, roles, await passwordHash);
}

/** The cookie a reply sets (name=value), if any. */
export function cookieFrom(reply: LightMyRequestResponse): string | undefined {
  const header = reply.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return first?.split(';')[0];
}

export const csrfIn = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export function form(fields: Record<string, string>): { headers: Record<string, string>; payload: string } {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  };
}

/** Posts the sign-in form as a browser would (a token from the page first). */
export async function postSignIn(
  app: FastifyInstance,
  email: string,
  password: string,
  extra: { cookie?: string; ip?: string } = {},
): Promise<LightMyRequestResponse> {
  const page = await app.inject({ url: '/staff/sign-in/', ...(extra.ip ? { remoteAddress: extra.ip } : {}) });
  const body = form({ token: tokenIn(page.body), email, password });
  return app.inject({
    method: 'POST',
    url: '/staff/sign-in/',
    ...body,
    headers: { ...body.headers, ...(extra.cookie ? { cookie: extra.cookie } : {}) },
    ...(extra.ip ? { remoteAddress: extra.ip } : {}),
  });
}

/** Signs in; returns the session cookie and the CSRF token of the desk's forms. */
export async function signIn(app: FastifyInstance, email: string): Promise<{ cookie: string; csrf: string }> {
  const reply = await postSignIn(app, email, PASSWORD);
  const cookie = cookieFrom(reply);
  if (reply.statusCode !== 303 || !cookie)
    throw new Error(`sign-in failed: ${reply.statusCode} ${reply.body.slice(0, 200)}`);
  const page = await app.inject({ url: '/staff/account/', headers: { cookie } });
  return { cookie, csrf: csrfIn(page.body) };
}

/**
 * Desk pages as a signed-in browser got them, saved beside a copy of a built site (its styles and fonts) with the
 * desk's stylesheet, so a reader with no cookie (Orca's Chromium, a static server) can open them. Returns the folder.
 */
export async function saveDeskPages(
  siteDir: string,
  into: string,
  pages: Readonly<Record<string, string>>,
  extraFiles: Readonly<Record<string, string>> = {},
): Promise<string> {
  const site = path.join(into, 'site');
  await cp(siteDir, site, { recursive: true });
  await mkdir(path.join(site, 'staff'), { recursive: true });
  await cp(
    path.join(PROJECT_ROOT, 'layouts', '_includes', 'staff', 'staff.css'),
    path.join(site, 'staff', 'staff.css'),
  );
  for (const [file, text] of Object.entries(extraFiles)) await writeFile(path.join(site, file), text);
  for (const [page, html] of Object.entries(pages)) {
    await mkdir(path.join(site, page), { recursive: true });
    await writeFile(path.join(site, page, 'index.html'), html);
  }
  return site;
}
