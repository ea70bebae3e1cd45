/**
 * The requests and feedback inboxes: lists with filters, each submission's own page (the only place a reader's details
 * are shown, and each view is audited), a staff note, and "mark as done", which deletes the reader's details after a
 * page that says so. References in addresses are random (REQ-7KM3-QX9D), not counters, and every one is looked up
 * for the signed-in staff member's role; an unknown one is "not found", whoever asks.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isReference } from '../database.ts';
import {
  findSubmission,
  markDone,
  purgeExpired,
  saveStaffNote,
  type Kind,
  type StoredFeedback,
  type StoredRequest,
} from '../store.ts';
import {
  FEEDBACK_STATES,
  REQUEST_STATES,
  dueOf,
  feedbackInbox,
  requestFilterChoices,
  requestInbox,
  type FeedbackState,
  type RequestState,
} from '../inbox.ts';
import { listAudit, AUDIT_ACTIONS } from '../audit.ts';
import type { StaffSession } from '../auth/sessions.ts';
import {
  audit,
  deskPage,
  fieldsOf,
  messagePage,
  pageNumber,
  pagerLinks,
  requireStaff,
  STAFF_PREFIX,
  type DeskContext,
} from './desk-context.ts';

export const STAFF_NOTE_MAX = 2000;

const REPLY_BY: Record<string, string> = { email: 'Email', phone: 'Phone call', text: 'Text message', post: 'Post' };

const pick = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;

export function inboxRoutes(app: FastifyInstance, ctx: DeskContext): void {
  const replyDays = ctx.settings.requests.replyWorkingDays;

  const notFound = (reply: FastifyReply, kind: Kind, session: StaffSession): FastifyReply =>
    messagePage(
      ctx,
      reply,
      404,
      `No ${kind === 'requests' ? 'request' : 'feedback'} has that reference`,
      ['Check the reference: it looks like REQ-7KM3-QX9D for a request and FB-7KM3-QX9D for feedback.'],
      { href: `${STAFF_PREFIX}${kind}/`, label: kind === 'requests' ? 'Go to the requests' : 'Go to the feedback' },
      session,
    );

  /** The stored submission a URL names, or a reply saying there is none. */
  const submission = (
    kind: Kind,
    ref: string,
    reply: FastifyReply,
    session: StaffSession,
  ): StoredRequest | StoredFeedback | undefined => {
    const wanted = ref.toUpperCase();
    const row = isReference(wanted, kind === 'requests' ? 'REQ' : 'FB')
      ? findSubmission(ctx.db, kind, wanted)
      : undefined;
    if (!row) notFound(reply, kind, session);
    return row;
  };

  // ---- Requests ----
  app.get<{ Querystring: Record<string, string | undefined> }>(`${STAFF_PREFIX}requests/`, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, 'requests');
    if (!session) return reply;
    const state = pick<RequestState>(request.query.state, REQUEST_STATES, 'open');
    const choices = requestFilterChoices(ctx.db);
    const format = choices.formats.includes(request.query.format ?? '') ? request.query.format : undefined;
    const report = choices.reports.some((r) => r.slug === request.query.report) ? request.query.report : undefined;
    const inbox = requestInbox(ctx.db, { state, format, report, page: pageNumber(request.query.page) }, replyDays);
    const query = (page: number): string =>
      `?${new URLSearchParams({ state, ...(format ? { format } : {}), ...(report ? { report } : {}), page: String(page) })}`;
    return deskPage(ctx, reply, 200, 'requests.njk', 'Requests for other formats', {
      session,
      current: 'requests',
      inbox,
      filters: { state, format, report },
      choices,
      replyBy: REPLY_BY,
      ...pagerLinks(inbox.page, inbox.pages, query),
      replyDays,
    });
  });

  app.get<{ Params: { ref: string }; Querystring: { saved?: string } }>(
    `${STAFF_PREFIX}requests/:ref/`,
    async (request, reply) => {
      const session = requireStaff(ctx, request, reply, 'requests');
      if (!session) return reply;
      const row = submission('requests', request.params.ref, reply, session) as StoredRequest | undefined;
      if (!row) return reply;
      audit(ctx, request, session.account.email, 'viewed-request', row.ref);
      return deskPage(ctx, reply, 200, 'request.njk', `Request ${row.ref}`, {
        session,
        current: 'requests',
        row,
        due: dueOf(row.created_at, row.done_at, replyDays),
        replyBy: REPLY_BY,
        saved: request.query.saved,
        trail: historyOf(row.ref),
        noteMax: STAFF_NOTE_MAX,
      });
    },
  );

  // ---- Feedback ----
  app.get<{ Querystring: Record<string, string | undefined> }>(`${STAFF_PREFIX}feedback/`, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, 'requests');
    if (!session) return reply;
    const state = pick<FeedbackState>(request.query.state, FEEDBACK_STATES, 'open');
    const inbox = feedbackInbox(ctx.db, { state, page: pageNumber(request.query.page) });
    const query = (page: number): string => `?${new URLSearchParams({ state, page: String(page) })}`;
    return deskPage(ctx, reply, 200, 'feedback-list.njk', 'Feedback', {
      session,
      current: 'feedback',
      inbox,
      filters: { state },
      ...pagerLinks(inbox.page, inbox.pages, query),
      keepDays: ctx.settings.requests.keepFeedbackContactDays,
      purged: request.query.purged,
    });
  });

  app.get<{ Params: { ref: string }; Querystring: { saved?: string } }>(
    `${STAFF_PREFIX}feedback/:ref/`,
    async (request, reply) => {
      const session = requireStaff(ctx, request, reply, 'requests');
      if (!session) return reply;
      const row = submission('feedback', request.params.ref, reply, session) as StoredFeedback | undefined;
      if (!row) return reply;
      audit(ctx, request, session.account.email, 'viewed-feedback', row.ref);
      return deskPage(ctx, reply, 200, 'feedback-item.njk', `Feedback ${row.ref}`, {
        session,
        current: 'feedback',
        row,
        saved: request.query.saved,
        trail: historyOf(row.ref),
        keepDays: ctx.settings.requests.keepFeedbackContactDays,
        noteMax: STAFF_NOTE_MAX,
      });
    },
  );

  app.post(`${STAFF_PREFIX}feedback/purge/`, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, 'requests', fieldsOf(request));
    if (!session) return reply;
    const emptied = purgeExpired(ctx.db, ctx.settings.requests.keepFeedbackContactDays);
    audit(ctx, request, session.account.email, 'purged-feedback', null, `${emptied} emptied`);
    return reply.code(303).redirect(`${STAFF_PREFIX}feedback/?purged=${emptied}`);
  });

  /** This submission's lines in the audit trail, newest first. */
  function historyOf(ref: string): Array<{ at: string; actor: string; action: string }> {
    return listAudit(ctx.db, { limit: 20, offset: 0, target: ref }).entries.map((e) => ({
      at: e.at,
      actor: e.actor,
      action: AUDIT_ACTIONS[e.action] ?? e.action,
    }));
  }

  // ---- What both kinds share: the note, and done (with a page that asks first) ----
  for (const kind of ['requests', 'feedback'] as const) {
    const noun = kind === 'requests' ? 'request' : 'feedback';
    const whose = kind === 'requests' ? "reader's" : "sender's";

    app.post<{ Params: { ref: string } }>(`${STAFF_PREFIX}${kind}/:ref/note/`, async (request, reply) => {
      const form = fieldsOf(request);
      const session = requireStaff(ctx, request, reply, 'requests', form);
      if (!session) return reply;
      const row = submission(kind, request.params.ref, reply, session);
      if (!row) return reply;
      const note = (form.note ?? '').slice(0, STAFF_NOTE_MAX);
      saveStaffNote(ctx.db, kind, row.ref, note);
      audit(ctx, request, session.account.email, 'note-saved', row.ref);
      return reply.code(303).redirect(`${STAFF_PREFIX}${kind}/${row.ref}/?saved=note`);
    });

    app.get<{ Params: { ref: string } }>(`${STAFF_PREFIX}${kind}/:ref/done/`, async (request, reply) => {
      const session = requireStaff(ctx, request, reply, 'requests');
      if (!session) return reply;
      const row = submission(kind, request.params.ref, reply, session);
      if (!row) return reply;
      if (row.done_at) return reply.code(303).redirect(`${STAFF_PREFIX}${kind}/${row.ref}/`);
      return deskPage(ctx, reply, 200, 'confirm-done.njk', `Mark ${row.ref} as done?`, {
        session,
        current: kind,
        kind,
        noun,
        whose,
        row,
      });
    });

    app.post<{ Params: { ref: string } }>(`${STAFF_PREFIX}${kind}/:ref/done/`, async (request, reply) => {
      const session = requireStaff(ctx, request, reply, 'requests', fieldsOf(request));
      if (!session) return reply;
      const row = submission(kind, request.params.ref, reply, session);
      if (!row) return reply;
      if (markDone(ctx.db, kind, row.ref))
        audit(ctx, request, session.account.email, kind === 'requests' ? 'request-done' : 'feedback-done', row.ref);
      return reply.code(303).redirect(`${STAFF_PREFIX}${kind}/${row.ref}/?saved=done`);
    });
  }
}
