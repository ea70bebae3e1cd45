/**
 * Protection against cross-site form posts that works without JavaScript and without cookies (the feedback form
 * promises none): every form carries a signed, expiring token made by this server, and a post whose browser says it
 * came from another site (Origin or Sec-Fetch-Site) is refused. The secret lives in memory: a restart only means a
 * form left open overnight is shown again with a fresh token.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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
    const [issuedText, signature] = (token ?? '').split('.');
    const issued = Number(issuedText);
    if (!signature || !Number.isInteger(issued)) return false;
    const age = Math.floor(now / 1000) - issued;
    if (age < 0 || age > TOKEN_LIFETIME_SECONDS) return false;
    const expected = Buffer.from(this.#sign(form, issued));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** True when the browser says the post came from another site. Requests without these headers (old browsers, tools) rely on the token. */
export function crossSite(headers: Record<string, string | string[] | undefined>, host: string | undefined): boolean {
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite === 'cross-site') return true;
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== 'null' && host) {
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return false;
}
