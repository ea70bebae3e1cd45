/**
 * Protection against cross-site form posts that works without JavaScript and without cookies (the feedback form
 * promises none): every form carries a signed, expiring token made by this server, and a post whose browser says it
 * came from another site (Origin or Sec-Fetch-Site) is refused. The signing secret comes from FORM_SECRET or a file
 * made once in the data folder, so a form stays good across a restart and in every process serving the same data.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

const SECRET_FILE = 'form-secret';

/**
 * The signing secret: FORM_SECRET (any text of 32 characters or more, hashed to a key), else the file form-secret in the
 * data folder, created with owner-only permissions by whichever process comes first (an exclusive create, so two
 * processes starting together agree on one secret).
 */
export function loadFormSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const given = env.FORM_SECRET;
  if (given !== undefined) {
    if (given.length < 32)
      throw new Error(
        'FORM_SECRET must be at least 32 characters long (for example the output of: openssl rand -hex 32)',
      );
    return createHash('sha256').update(given).digest();
  }
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32).toString('hex'));
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // Another process may have just created it: wait for its 64 characters (a write of 64 bytes is not torn on Linux).
  for (let attempt = 0; attempt < 50; attempt++) {
    const text = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(text)) return Buffer.from(text, 'hex');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  throw new Error(
    `${file} does not hold a form secret (64 hexadecimal characters): delete it and start the server again`,
  );
}

/** "<seconds>.<43 base64url characters>", and nothing else: one spelling per token. */
const TOKEN_SHAPE = /^([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$/;

export const TOKEN_LIFETIME_SECONDS = 2 * 60 * 60;

export class FormTokens {
  readonly #secret: Buffer;
  constructor(secret: Buffer = randomBytes(32)) {
    this.#secret = secret;
  }

  #sign(form: string, issued: number): string {
    return createHmac('sha256', this.#secret).update(`${form}:${issued}`).digest('base64url');
  }

  issue(form: string, now = Date.now()): string {
    const issued = Math.floor(now / 1000);
    return `${issued}.${this.#sign(form, issued)}`;
  }

  verify(form: string, token: string | undefined, now = Date.now()): boolean {
    const match = TOKEN_SHAPE.exec(token ?? '');
    if (!match) return false;
    const issued = Number(match[1]);
    const signature = match[2]!;
    const age = Math.floor(now / 1000) - issued;
    if (age < 0 || age > TOKEN_LIFETIME_SECONDS) return false;
    const expected = Buffer.from(this.#sign(form, issued));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/**
 * True when the browser says the post came from another site: Sec-Fetch-Site "cross-site", or an Origin that is not one
 * of `allowed` (origins like "https://reports.example.org"). A post with neither header (an old browser, a tool)
 * relies on its token.
 */
export function crossSite(headers: Record<string, string | string[] | undefined>, allowed: readonly string[]): boolean {
  if (headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = headers.origin;
  // With our Referrer-Policy no-referrer, browsers send "Origin: null" on their own forms' posts (Fetch standard).
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    return !allowed.includes(new URL(origin).origin);
  } catch {
    return true;
  }
}
