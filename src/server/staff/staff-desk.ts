/**
 * The staff desk under /staff/: signed-in pages for the officers who answer requests and feedback. Served by the
 * forms server only (never part of the static site or its sitemap), working without JavaScript, every page sent with
 * Cache-Control: no-store and X-Robots-Tag: noindex. Any /staff/ address that is not a page here answers like the
 * rest: sign in first, then "not found", so nothing in the built site's folder is ever served under /staff/.
 */
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../build/project-root.ts';
import type { FormTokens } from '../form-token.ts';
import { deleteExpiredSessions } from '../auth/sessions.ts';
import { inboxRoutes } from './inbox-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { editorRoutes } from './editor-routes.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { messagePage, requireStaff, STAFF_PREFIX, type DeskContext } from './desk-context.ts';

export async function registerStaffDesk(app: FastifyInstance, ctx: DeskContext, tokens: FormTokens): Promise<void> {
  await app.register(fastifyCookie);
  const stylesheet = await readFile(path.join(PROJECT_ROOT, 'layouts', '_includes', 'staff', 'staff.css'), 'utf8');

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url === '/staff' || request.url.startsWith(STAFF_PREFIX)) {
      reply.header('cache-control', 'no-store');
      reply.header('x-robots-tag', 'noindex, nofollow');
    }
    return payload;
  });

  deleteExpiredSessions(ctx.db);
  const sweep = setInterval(() => deleteExpiredSessions(ctx.db), 15 * 60 * 1000).unref();
  app.addHook('onClose', (_instance, done) => {
    clearInterval(sweep);
    done();
  });

  app.get(`${STAFF_PREFIX}staff.css`, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').send(stylesheet),
  );
  app.get('/staff', async (_request, reply) => reply.code(301).redirect(STAFF_PREFIX));
  app.get(STAFF_PREFIX, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, undefined);
    if (!session) return reply;
    const home = session.account.roles.includes('requests')
      ? 'requests/'
      : session.account.roles.includes('editor') && ctx.editor
        ? 'reports/'
        : 'account/';
    return reply.code(303).redirect(`${STAFF_PREFIX}${home}`);
  });

  signInRoutes(app, ctx, tokens);
  inboxRoutes(app, ctx);
  reportRoutes(app, ctx);
  if (ctx.editor) await editorRoutes(app, ctx, ctx.editor);

  // Everything else under /staff/: sign in first (no hint of what exists), then a page that says it is not there.
  app.all(`${STAFF_PREFIX}*`, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, undefined, {});
    if (!session) return reply;
    return messagePage(
      ctx,
      reply,
      404,
      'Page not found',
      ['There is no staff page at this address.'],
      { href: `${STAFF_PREFIX}requests/`, label: 'Go to the requests' },
      session,
    );
  });
}
