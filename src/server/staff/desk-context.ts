/**
 * What every staff page shares: the session cookie (opaque, HttpOnly, SameSite=Strict, Path=/staff/, Secure and
 * __Secure- named behind TLS), finding the signed-in staff member, checking a form's CSRF token and origin, the
 * audit, and replying with a page in the desk's layout that is never cached.
 *
 * The cookie is scoped to /staff/ so the public site stays cookie-free. It cannot take the __Host- prefix, which
 * requires Path=/; __Secure- still stops a plain-HTTP page (or a sibling subdomain over HTTP) from setting it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormBody } from '../form-body.ts';
import type { Db } from '../database.ts';
import type { Render } from '../render.ts';
import type { SiteSettings } from '../../report/site-data.ts';
import { crossSite } from '../form-token.ts';
import { recordAudit, type AuditAction } from '../audit.ts';
import { csrfMatches, findSession, SESSION_LIMITS, type SessionLookup, type StaffSession } from '../auth/sessions.ts';
import type { Role } from '../auth/accounts.ts';
import type { EditorDesk } from '../../editor/editor-desk.ts';

export const STAFF_PREFIX = '/staff/';

export interface DeskContext {
  db: Db;
  render: Render;
  settings: SiteSettings;
  organisationName: string;
  /** Origins a staff form may be posted from (the public address, and loopback for testing). */
  allowedOrigins: (request: FastifyRequest) => string[];
  /** The editor desk, when the server was given a content folder to edit. */
  editor?: EditorDesk;
}

/** A posted desk form's fields (empty when nothing was posted). */
export const fieldsOf = (request: FastifyRequest): Record<string, string> =>
  (request.body as FormBody | undefined)?.fields ?? {};

/** A ?page= value as a page number: 1 for anything that is not a whole number above 0. */
export function pageNumber(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** The previous and next pages' addresses of a paged list, where there are such pages. */
export function pagerLinks(
  page: number,
  pages: number,
  query: (page: number) => string,
): { previous: string | undefined; next: string | undefined } {
  return {
    previous: page > 1 ? query(page - 1) : undefined,
    next: page < pages ? query(page + 1) : undefined,
  };
}

export const cookieName = (request: FastifyRequest): string =>
  request.protocol === 'https' ? '__Secure-staff-session' : 'staff-session';

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
  reply.setCookie(cookieName(request), id, {
    path: STAFF_PREFIX,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    // A session cookie (no Max-Age): the browser forgets it when closed; the server ends it sooner (time-outs).
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(cookieName(request), {
    path: STAFF_PREFIX,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export const sessionOf = (ctx: DeskContext, request: FastifyRequest, touch = true): SessionLookup =>
  findSession(ctx.db, request.cookies[cookieName(request)], new Date(), touch);

/** A page in the desk's layout: never stored by a proxy or the browser, never indexed. */
export function deskPage(
  ctx: DeskContext,
  reply: FastifyReply,
  status: number,
  template: string,
  title: string,
  data: Record<string, unknown> & { session?: StaffSession | undefined; current?: string },
): FastifyReply {
  const session = data.session;
  const body = ctx.render(
    `staff/${template}`,
    title,
    {
      ...data,
      organisationName: ctx.organisationName,
      signedIn: session?.secondStepDone
        ? { email: session.account.email, csrf: session.csrf, roles: session.account.roles }
        : undefined,
      idleMinutes: SESSION_LIMITS.idleMinutes,
    },
    'staff/layout.njk',
  );
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** A page that only says something and offers a way on: refusals, confirmations. */
export function messagePage(
  ctx: DeskContext,
  reply: FastifyReply,
  status: number,
  heading: string,
  paragraphs: string[],
  link: { href: string; label: string },
  session?: StaffSession,
): FastifyReply {
  return deskPage(ctx, reply, status, 'message.njk', heading, { heading, paragraphs, link, session });
}

export function audit(
  ctx: DeskContext,
  request: FastifyRequest,
  actor: string,
  action: AuditAction,
  target?: string | null,
  detail?: string | null,
): void {
  recordAudit(ctx.db, { actor, action, target: target ?? null, address: request.ip, detail: detail ?? null });
}

/** Where to send someone who is not signed in: the sign-in page, then back to a desk page they asked for. */
export function toSignIn(request: FastifyRequest, reply: FastifyReply, ended?: string): FastifyReply {
  const next = request.method === 'GET' && safeNext(request.url) ? request.url : undefined;
  const query = new URLSearchParams({ ...(ended ? { ended } : {}), ...(next ? { next } : {}) }).toString();
  return reply.code(303).redirect(`${STAFF_PREFIX}sign-in/${query ? `?${query}` : ''}`);
}

/** A desk address to return to after sign-in: a path under /staff/, nothing that leaves the site. */
export function safeNext(next: string | undefined): string | undefined {
  if (!next || !/^\/staff\/[A-Za-z0-9/_\-.?=&%+]*$/.test(next) || next.includes('//') || next.includes('..'))
    return undefined;
  if (next.startsWith(`${STAFF_PREFIX}sign-in`) || next.startsWith(`${STAFF_PREFIX}set-up`)) return undefined;
  return next;
}

/**
 * Refuses a form posted from another site (its Origin or Sec-Fetch-Site says so) with a page saying nothing changed.
 * True when refused. Every desk form is checked, the sign-in and set-up forms included.
 */
export function refusedCrossSite(
  ctx: DeskContext,
  request: FastifyRequest,
  reply: FastifyReply,
  back: { href: string; label: string },
): boolean {
  if (!crossSite(request.headers, ctx.allowedOrigins(request))) return false;
  messagePage(
    ctx,
    reply,
    403,
    'This form was sent from another website',
    [
      'For your safety the staff desk only accepts forms sent from its own pages, so nothing was changed.',
      'If you were using the desk, go back to it and try again.',
    ],
    back,
  );
  return true;
}

/**
 * The staff member for a desk page: replies (a redirect to sign-in, or a refusal) and returns undefined when the
 * request may not go on. For a POST also checks where the form came from and its CSRF token (ASVS 3.5.1), so nothing
 * is changed by a page on another site or a replayed form. Nothing changes on a GET anywhere on the desk.
 */
export function requireStaff(
  ctx: DeskContext,
  request: FastifyRequest,
  reply: FastifyReply,
  role: Role | undefined,
  form?: Record<string, string>,
): StaffSession | undefined {
  if (
    request.method === 'POST' &&
    refusedCrossSite(ctx, request, reply, { href: `${STAFF_PREFIX}requests/`, label: 'Go to the requests' })
  )
    return undefined;
  const found = sessionOf(ctx, request);
  if (found.state !== 'active') {
    toSignIn(request, reply, found.state === 'ended' ? found.why : undefined);
    return undefined;
  }
  const { session } = found;
  if (!session.secondStepDone) {
    reply.code(303).redirect(`${STAFF_PREFIX}sign-in/code/`);
    return undefined;
  }
  if (request.method === 'POST' && !csrfMatches(session, form?.csrf)) {
    audit(ctx, request, session.account.email, 'refused-csrf', null, request.url.split('?')[0] ?? null);
    messagePage(
      ctx,
      reply,
      403,
      'Nothing was changed',
      [
        'The form was missing its security check, or it came from a page opened before you last signed in. For your safety nothing was changed.',
        'Go back, reload the page, and try again.',
      ],
      { href: request.url.split('?')[0] ?? `${STAFF_PREFIX}requests/`, label: 'Reload the page' },
      session,
    );
    return undefined;
  }
  if (role && !session.account.roles.includes(role)) {
    audit(ctx, request, session.account.email, 'refused-role', null, role);
    messagePage(
      ctx,
      reply,
      403,
      'Your account cannot open this page',
      [
        `This page is for staff who answer ${role === 'requests' ? 'requests and feedback' : 'report editing'}. Ask whoever runs the desk to give your account that role.`,
      ],
      { href: `${STAFF_PREFIX}account/`, label: 'Go to your account' },
      session,
    );
    return undefined;
  }
  return session;
}
