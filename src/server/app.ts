/**
 * The requests and feedback server: serves the built site and receives the two forms (Fastify; SQLite by
 * better-sqlite3). Without JavaScript: POST → validate → the form again with an error summary (values kept, each error
 * linked to its field), or a 303 redirect to a confirmation page with a reference number — given only after the
 * submission is stored. No logging of requests (so no addresses are written anywhere), no cookies on the public
 * pages. The staff desk (/staff/, signed in, its cookie scoped to /staff/) is registered from src/server/staff/.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from './database.ts';
import { FormTokens, crossSite } from './form-token.ts';
import { parseFormBody, type FormBody } from './form-body.ts';
import { isReference, newReference } from './database.ts';
import type { Notifier } from './notifier.ts';
import { followUpsOffered } from './follow-ups.ts';
import { RateLimit } from './rate-limit.ts';
import { createRenderer, type PageChrome } from './render.ts';
import { purgeExpired, saveFeedback, saveRequest } from './store.ts';
import { validateFeedback, validateRequest, type FieldError } from './validation.ts';
import { registerStaffDesk } from './staff/staff-desk.ts';
import { EditorDesk } from '../editor/editor-desk.ts';
import type { EditorPaths } from '../editor/jobs.ts';
import { PICTURE_CSP, SECURITY_HEADERS } from '../formats/site/security-headers.ts';

export interface ServerOptions extends PageChrome {
  siteDir: string;
  db: Db;
  /** Posts allowed per address in the window (memory only). */
  rateLimit?: { limit: number; windowMs: number };
  tokens?: FormTokens;
  /**
   * Proxies whose X-Forwarded-For is believed (TRUST_PROXY: addresses or ranges, comma-separated), so rate limits
   * count each reader, not the proxy. Unset: the connecting address is the reader's.
   */
  trustProxy?: string;
  /** The port this server listens on, so a browser on the same machine (http://127.0.0.1:port) may post. */
  port?: number;
  /** See SERVER_DEFAULTS.requestTimeoutMs. */
  requestTimeoutMs?: number;
  /** Emails staff about each new submission (SMTP_URL); told of each one as it is stored. */
  notifier?: Notifier;
  /**
   * The editor desk: the content folder it edits (its history kept in dataDir), publishing into siteDir. Without it,
   * the desk has no reports pages.
   */
  editor?: Omit<EditorPaths, 'siteDir' | 'previewDir'> & { dataDir: string; previewDir?: string };
}

export const SERVER_DEFAULTS = {
  /**
   * Largest form body accepted. Every field at its limit in a script whose letters take 4 bytes of UTF-8, each byte
   * percent-encoded as 3 characters: (5,000 + 2,000 + 500 + 254 + 200 + 100 + 20) × 12 ≈ 97 KB, and the other fields.
   */
  bodyLimit: 128 * 1024,
  rateLimit: { limit: 10, windowMs: 10 * 60 * 1000 },
  /** A body that takes longer than this to arrive is dropped (a slow upload must not hold a connection for ever). */
  requestTimeoutMs: 30_000,
};

export { SECURITY_HEADERS };

const REPLY_OPTIONS = [
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone call' },
  { value: 'text', label: 'Text message' },
  { value: 'post', label: 'Post' },
];
const CONTACT_OPTIONS = [
  { value: 'yes', label: 'Yes, you may contact me' },
  { value: 'no', label: 'No' },
];

function errorMap(errors: readonly FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field, e.message]));
}

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: SERVER_DEFAULTS.bodyLimit,
    trustProxy: options.trustProxy
      ? options.trustProxy
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean)
      : false,
    requestTimeout: options.requestTimeoutMs ?? SERVER_DEFAULTS.requestTimeoutMs,
    // On close, connections are ended rather than waited for: a stalled upload must not keep the server from stopping.
    forceCloseConnections: true,
  });
  const render = createRenderer(options);
  const tokens = options.tokens ?? new FormTokens();
  const limit = options.rateLimit ?? SERVER_DEFAULTS.rateLimit;
  const rate = new RateLimit(limit.limit, limit.windowMs);
  const requestSettings = options.settings.requests;
  const followUps = followUpsOffered(requestSettings.formats);
  const formatOptions = [
    ...requestSettings.formats.map((f) => ({ value: f, label: f })),
    { value: 'other', label: 'Something else' },
  ];

  // Personal data kept only as long as the forms promise: purged now and every day while the server runs.
  const purge = (): number => purgeExpired(options.db, requestSettings.keepFeedbackContactDays);
  purge();
  const daily = setInterval(purge, 24 * 60 * 60 * 1000).unref();
  app.addHook('onClose', (_instance, done) => {
    clearInterval(daily);
    done();
  });

  // Only the forms' own encoding is accepted: any other body gets 415 (see the error handler).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseFormBody(body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      // A page that set its own policy (the text editor's, with a nonce for its styles) keeps it.
      if (!reply.hasHeader(name)) reply.header(name, value);
    // A picture opened on its own is sandboxed: an SVG is a document that could otherwise run with the site's rights.
    if (/^image\//.test(String(reply.getHeader('content-type') ?? '')))
      reply.header('content-security-policy', PICTURE_CSP);
    return payload;
  });

  const html = (reply: FastifyReply, status: number, body: string): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
  const notSent = (reply: FastifyReply, status: number, message: string): FastifyReply =>
    html(
      reply,
      status,
      render('confirmation.njk', 'Not sent', {
        heading: 'Not sent',
        message,
        back: { href: '/', label: 'Go to our reports' },
      }),
    );

  // Set before any route, so every failure on every route is a page in the site's layout, never a framework's JSON.
  app.setErrorHandler(async (err: { statusCode?: number; code?: string }, _request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const messages: Record<number, string> = {
      413: 'What you sent was too long. Nothing was stored. Please go back, shorten it and send it again.',
      415: 'The form was sent in a way we cannot read. Nothing was stored. Please go back and send the form from our page again.',
      400: 'The form arrived damaged, so nothing was stored. Please go back and send it again.',
    };
    return notSent(
      reply,
      status,
      messages[status] ??
        (status === 408
          ? 'The form took too long to arrive. Nothing was stored. Please go back and send it again.'
          : 'Something went wrong on our side. Nothing was stored. Please try again, or contact us by phone, text or email.'),
    );
  });
  const notFound = async (reply: FastifyReply): Promise<FastifyReply> =>
    html(reply, 404, await readFile(path.join(options.siteDir, '404.html'), 'utf8').catch(() => 'Not found'));

  async function reportFor(slug: string): Promise<{ slug: string; title: string } | undefined> {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return undefined;
    try {
      const manifest = JSON.parse(
        await readFile(path.join(options.siteDir, 'reports', slug, 'formats.json'), 'utf8'),
      ) as { title: string };
      return { slug, title: manifest.title };
    } catch {
      return undefined;
    }
  }

  /** Origins a form may be posted from: the site's public address, and this server on loopback (see ServerOptions.port). */
  const publicOrigin = (() => {
    try {
      return options.settings.url ? new URL(options.settings.url).origin : undefined;
    } catch {
      return undefined;
    }
  })();
  const allowedOrigins = (request: FastifyRequest): string[] => {
    const loopback = options.port
      ? ['127.0.0.1', 'localhost', '[::1]'].map((host) => `http://${host}:${options.port}`)
      : [];
    // The Host header is trusted only with no public address set: with one, a name pointed at this machine by someone
    // else (DNS rebinding) cannot pass as our own.
    return publicOrigin ? [publicOrigin, ...loopback] : [`${request.protocol}://${request.host}`, ...loopback];
  };

  /** Refuses posts from other sites or over the rate limit, replying with a page. Returns true when refused. */
  function refused(request: FastifyRequest, reply: FastifyReply): boolean {
    if (crossSite(request.headers, allowedOrigins(request))) {
      html(
        reply,
        403,
        render('confirmation.njk', 'Form not accepted', {
          heading: 'This form was sent from another website',
          message:
            'For your safety we only accept this form from our own pages. Please open the form on our site and send it again.',
          back: { href: '/', label: 'Go to our reports' },
        }),
      );
      return true;
    }
    if (!rate.allow(request.ip)) {
      reply.header('retry-after', String(Math.ceil(limit.windowMs / 1000)));
      html(
        reply,
        429,
        render('confirmation.njk', 'Too many forms sent', {
          heading: 'Too many forms sent',
          message:
            'We have received a lot of forms from your connection in a short time. Please wait a few minutes and try again, or contact us by phone, text or email.',
          back: { href: '/', label: 'Go to our reports' },
        }),
      );
      return true;
    }
    return false;
  }

  /** Errors about the form as a whole, before its fields are checked: damaged (a field twice) or expired. */
  function formProblems(form: string, body: FormBody): FieldError[] {
    if (body.duplicated.length)
      return [
        {
          field: '',
          message: 'Part of the form arrived twice, so we did not send it. Check your answers below and send it again.',
        },
      ];
    if (!tokens.verify(form, body.fields.token))
      return [
        {
          field: '',
          message:
            'The form had been open for more than 2 hours, so for your safety it was not sent. Your answers are below: check them and send the form again.',
        },
      ];
    return [];
  }

  /** Stores a submission; on a storage failure (a full disk, say) the form is shown again with what was typed. */
  function stored(save: () => string): { ref: string } | { failed: FieldError[] } {
    try {
      const ref = save();
      options.notifier?.kick();
      return { ref };
    } catch {
      return {
        failed: [
          {
            field: '',
            message:
              'We could not store your form just now, so it was not sent. Your answers are below: please try again in a few minutes, or contact us by phone, text or email.',
          },
        ],
      };
    }
  }

  /** A confirmation page's reference: the one in the address, if it has the shape of ours. */
  const shownReference = (ref: string | undefined): string | undefined => {
    const value = ref?.trim().toUpperCase();
    // Shown on a confirmation page only in the shape of our references.
    return value && isReference(value) ? value : undefined;
  };

  // ---- Requests for another format ----
  const requestPage = (
    report: { slug: string; title: string },
    values: Record<string, unknown>,
    errors: FieldError[],
  ): string =>
    render('request.njk', `${errors.length ? 'Error: ' : ''}Ask for another format`, {
      report,
      values,
      errors,
      err: errorMap(errors),
      token: tokens.issue('request'),
      action: `/reports/${report.slug}/request/`,
      formatOptions,
      replyOptions: REPLY_OPTIONS,
      replyWithin: requestSettings.replyWithin,
      followUps,
    });

  app.get<{ Params: { slug: string }; Querystring: { format?: string } }>(
    '/reports/:slug/request/',
    async (request, reply) => {
      const report = await reportFor(request.params.slug);
      if (!report) return notFound(reply);
      return html(reply, 200, requestPage(report, { format: request.query.format ?? '' }, []));
    },
  );

  app.post<{ Params: { slug: string }; Body: FormBody }>('/reports/:slug/request/', async (request, reply) => {
    const report = await reportFor(request.params.slug);
    if (!report) return notFound(reply);
    const body = request.body ?? { fields: {}, duplicated: [] };
    if (refused(request, reply)) return reply;
    const done = (ref: string): FastifyReply =>
      reply.code(303).redirect(`/reports/${report.slug}/request/done/?ref=${encodeURIComponent(ref)}`);
    // The honeypot field is filled only by robots: answered like a real post, stored nowhere.
    if (body.fields.website) return done(newReference('REQ'));
    const { values, errors } = validateRequest(body.fields, requestSettings.formats);
    const problems = formProblems('request', body);
    const shown = { ...values, ...values.followUps };
    if (problems.length || errors.length) return html(reply, 400, requestPage(report, shown, [...problems, ...errors]));
    const result = stored(() => saveRequest(options.db, values, report));
    return 'ref' in result ? done(result.ref) : html(reply, 503, requestPage(report, shown, result.failed));
  });

  app.get<{ Params: { slug: string }; Querystring: { ref?: string } }>(
    '/reports/:slug/request/done/',
    async (request, reply) => {
      const report = await reportFor(request.params.slug);
      if (!report) return notFound(reply);
      return html(
        reply,
        200,
        render('confirmation.njk', 'Request received', {
          heading: 'Request received',
          ref: shownReference(request.query.ref),
          kind: 'request',
          message: `We will reply ${requestSettings.replyWithin}.`,
          back: { href: `/reports/${report.slug}/`, label: `Back to ${report.title}` },
        }),
      );
    },
  );

  // ---- Feedback ----
  const feedbackPage = (values: Record<string, string>, errors: FieldError[]): string =>
    render('feedback.njk', `${errors.length ? 'Error: ' : ''}Share your thoughts`, {
      values,
      errors,
      err: errorMap(errors),
      token: tokens.issue('feedback'),
      action: '/feedback/',
      contactOptions: CONTACT_OPTIONS,
    });

  app.get('/feedback/', async (_request, reply) => html(reply, 200, feedbackPage({}, [])));

  app.post<{ Body: FormBody }>('/feedback/', async (request, reply) => {
    const body = request.body ?? { fields: {}, duplicated: [] };
    if (refused(request, reply)) return reply;
    const done = (ref: string): FastifyReply =>
      reply.code(303).redirect(`/feedback/done/?ref=${encodeURIComponent(ref)}`);
    if (body.fields.website) return done(newReference('FB'));
    const { values, errors } = validateFeedback(body.fields);
    const problems = formProblems('feedback', body);
    if (problems.length || errors.length)
      return html(reply, 400, feedbackPage({ ...values }, [...problems, ...errors]));
    const result = stored(() => saveFeedback(options.db, values));
    return 'ref' in result ? done(result.ref) : html(reply, 503, feedbackPage({ ...values }, result.failed));
  });

  app.get<{ Querystring: { ref?: string } }>('/feedback/done/', async (request, reply) => {
    return html(
      reply,
      200,
      render('confirmation.njk', 'Thank you', {
        heading: 'Thank you for your feedback',
        ref: shownReference(request.query.ref),
        kind: 'feedback',
        message: 'We read everything people send us and use it to improve health and care services.',
        back: { href: '/', label: 'Go to our reports' },
      }),
    );
  });

  // ---- The staff desk (signed in; see src/server/staff/) ----
  const editor = options.editor
    ? await EditorDesk.open(
        options.db,
        {
          ...options.editor,
          siteDir: path.resolve(options.siteDir),
          previewDir: options.editor.previewDir ?? path.join(options.editor.dataDir, 'preview'),
        },
        options.editor.dataDir,
      )
    : undefined;
  if (editor) app.addHook('onClose', async () => editor.jobs.stop());
  await registerStaffDesk(
    app,
    {
      db: options.db,
      render,
      settings: options.settings,
      organisationName: options.organisation.name,
      allowedOrigins,
      ...(editor ? { editor } : {}),
    },
    tokens,
  );

  // ---- The built site ----
  // Dotfiles (.htaccess, .env, .git) are never served, whatever is in the site folder.
  await app.register(fastifyStatic, {
    root: path.resolve(options.siteDir),
    redirect: true,
    index: ['index.html'],
    wildcard: true,
    dotfiles: 'ignore',
    serveDotFiles: false,
  });
  app.setNotFoundHandler(async (_request, reply) => notFound(reply));
  return app;
}
