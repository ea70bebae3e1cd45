/**
 * The requests and feedback server: serves the built site and receives the two forms (Fastify; SQLite by
 * better-sqlite3). Without JavaScript: POST → validate → the form again with an error summary (values kept, each error
 * linked to its field), or a 303 redirect to a confirmation page with a reference number — given only after the
 * submission is stored. No logging of requests (so no addresses are written anywhere), no cookies.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from './database.ts';
import { FormTokens, crossSite } from './form-token.ts';
import { RateLimit } from './rate-limit.ts';
import { createRenderer, type PageChrome } from './render.ts';
import { findSubmission, saveFeedback, saveRequest } from './store.ts';
import { validateFeedback, validateRequest, type FieldError, type Form } from './validation.ts';

export interface ServerOptions extends PageChrome {
  siteDir: string;
  db: Db;
  /** Posts allowed per address in the window (memory only). */
  rateLimit?: { limit: number; windowMs: number };
  tokens?: FormTokens;
}

export const SERVER_DEFAULTS = {
  /** Largest form body accepted: the longest fields together are under 8 KB. */
  bodyLimit: 16 * 1024,
  rateLimit: { limit: 10, windowMs: 10 * 60 * 1000 },
};

/** A Content-Security-Policy with no inline script; WebAssembly allowed for the site search. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

const REPLY_OPTIONS = [
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone call' },
  { value: 'text', label: 'Text message' },
  { value: 'post', label: 'Post' },
];
const CONTACT_OPTIONS = [{ value: 'yes', label: 'Yes, you may contact me' }, { value: 'no', label: 'No' }];

function errorMap(errors: readonly FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field, e.message]));
}

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: SERVER_DEFAULTS.bodyLimit, trustProxy: false });
  const render = createRenderer(options);
  const tokens = options.tokens ?? new FormTokens();
  const limit = options.rateLimit ?? SERVER_DEFAULTS.rateLimit;
  const rate = new RateLimit(limit.limit, limit.windowMs);
  const requestSettings = options.settings.requests;
  const formatOptions = [...requestSettings.formats.map((f) => ({ value: f, label: f })), { value: 'other', label: 'Something else' }];

  await app.register(formbody);
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });

  const html = (reply: FastifyReply, status: number, body: string): FastifyReply => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
  const notFound = async (reply: FastifyReply): Promise<FastifyReply> => html(reply, 404, await readFile(path.join(options.siteDir, '404.html'), 'utf8').catch(() => 'Not found'));

  async function reportFor(slug: string): Promise<{ slug: string; title: string } | undefined> {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return undefined;
    try {
      const manifest = JSON.parse(await readFile(path.join(options.siteDir, 'reports', slug, 'formats.json'), 'utf8')) as { title: string };
      return { slug, title: manifest.title };
    } catch {
      return undefined;
    }
  }

  /** Refuses posts from other sites, with stale or missing tokens, or over the rate limit. Returns true when refused. */
  function refused(request: FastifyRequest, reply: FastifyReply, form: string, body: Form): boolean {
    if (crossSite(request.headers, request.headers.host)) {
      html(reply, 403, render('confirmation.njk', 'Form not accepted', { heading: 'This form was sent from another website', message: 'For your safety we only accept this form from our own pages. Please open the form on our site and send it again.', back: { href: '/', label: 'Go to our reports' } }));
      return true;
    }
    if (!rate.allow(request.ip)) {
      reply.header('retry-after', String(Math.ceil(limit.windowMs / 1000)));
      html(reply, 429, render('confirmation.njk', 'Too many forms sent', { heading: 'Too many forms sent', message: 'We have received a lot of forms from your connection in a short time. Please wait a few minutes and try again, or contact us by phone, text or email.', back: { href: '/', label: 'Go to our reports' } }));
      return true;
    }
    if (!tokens.verify(form, body.token)) {
      html(reply, 400, render('confirmation.njk', 'Form expired', { heading: 'The form had expired', message: 'Forms stay open for 2 hours. Nothing was sent. Please go back, reload the form and send it again.', back: { href: request.url, label: 'Open the form again' } }));
      return true;
    }
    return false;
  }

  // ---- Requests for another format ----
  const requestPage = (report: { slug: string; title: string }, values: Record<string, string>, errors: FieldError[]): string =>
    render('request.njk', `${errors.length ? 'Error: ' : ''}Ask for another format`, {
      report, values, errors, err: errorMap(errors), token: tokens.issue('request'), action: `/reports/${report.slug}/request/`,
      formatOptions, replyOptions: REPLY_OPTIONS, replyWithin: requestSettings.replyWithin,
    });

  app.get<{ Params: { slug: string }; Querystring: { format?: string } }>('/reports/:slug/request/', async (request, reply) => {
    const report = await reportFor(request.params.slug);
    if (!report) return notFound(reply);
    return html(reply, 200, requestPage(report, { format: request.query.format ?? '' }, []));
  });

  app.post<{ Params: { slug: string }; Body: Form }>('/reports/:slug/request/', async (request, reply) => {
    const report = await reportFor(request.params.slug);
    if (!report) return notFound(reply);
    const body = request.body ?? {};
    if (refused(request, reply, 'request', body)) return reply;
    if (body.website) return reply.code(303).redirect(`/reports/${report.slug}/request/done/`);
    const { values, errors } = validateRequest(body, requestSettings.formats);
    if (errors.length) return html(reply, 400, requestPage(report, { ...values }, errors));
    const ref = saveRequest(options.db, values, report);
    return reply.code(303).redirect(`/reports/${report.slug}/request/done/?ref=${encodeURIComponent(ref)}`);
  });

  app.get<{ Params: { slug: string }; Querystring: { ref?: string } }>('/reports/:slug/request/done/', async (request, reply) => {
    const report = await reportFor(request.params.slug);
    if (!report) return notFound(reply);
    const stored = request.query.ref ? findSubmission(options.db, 'requests', request.query.ref) : undefined;
    return html(reply, 200, render('confirmation.njk', 'Request received', {
      heading: 'Request received', ref: stored?.ref, kind: 'request',
      message: `We will reply ${requestSettings.replyWithin}.`, back: { href: `/reports/${report.slug}/`, label: `Back to ${report.title}` },
    }));
  });

  // ---- Feedback ----
  const feedbackPage = (values: Record<string, string>, errors: FieldError[]): string =>
    render('feedback.njk', `${errors.length ? 'Error: ' : ''}Share your thoughts`, { values, errors, err: errorMap(errors), token: tokens.issue('feedback'), action: '/feedback/', contactOptions: CONTACT_OPTIONS });

  app.get('/feedback/', async (_request, reply) => html(reply, 200, feedbackPage({}, [])));

  app.post<{ Body: Form }>('/feedback/', async (request, reply) => {
    const body = request.body ?? {};
    if (refused(request, reply, 'feedback', body)) return reply;
    if (body.website) return reply.code(303).redirect('/feedback/done/');
    const { values, errors } = validateFeedback(body);
    if (errors.length) return html(reply, 400, feedbackPage({ ...values }, errors));
    const ref = saveFeedback(options.db, values);
    return reply.code(303).redirect(`/feedback/done/?ref=${encodeURIComponent(ref)}`);
  });

  app.get<{ Querystring: { ref?: string } }>('/feedback/done/', async (request, reply) => {
    const stored = request.query.ref ? findSubmission(options.db, 'feedback', request.query.ref) : undefined;
    return html(reply, 200, render('confirmation.njk', 'Thank you', { heading: 'Thank you for your feedback', ref: stored?.ref, kind: 'feedback', message: 'We read everything people send us and use it to improve health and care services.', back: { href: '/', label: 'Go to our reports' } }));
  });

  // ---- The built site ----
  await app.register(fastifyStatic, { root: path.resolve(options.siteDir), redirect: true, index: ['index.html'], wildcard: true });
  app.setNotFoundHandler(async (_request, reply) => notFound(reply));
  app.setErrorHandler(async (err: { statusCode?: number }, _request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const message = status === 413 ? 'What you sent was too long. Nothing was stored. Please shorten it and try again.' : 'Something went wrong on our side. Nothing was stored. Please try again, or contact us by phone, text or email.';
    return html(reply, status, render('confirmation.njk', 'Not sent', { heading: 'Not sent', message, back: { href: '/', label: 'Go to our reports' } }));
  });
  return app;
}
