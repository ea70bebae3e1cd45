/**
 * What managers are asked for: the yearly summary as a page (a table, and a chart of the same figures), the CSV
 * exports as downloads (the same formula-safe CSV as `npm run requests -- export --csv`), and the audit trail.
 */
import type { FastifyInstance } from 'fastify';
import { listSubmissions } from '../store.ts';
import { toCsv } from '../csv.ts';
import { summariseYear, yearsWithRequests } from '../inbox.ts';
import { AUDIT_ACTIONS, listAudit } from '../audit.ts';
import { londonDate } from '../working-days.ts';
import { barChart, CHART } from './bar-chart.ts';
import {
  audit,
  deskPage,
  pageNumber,
  pagerLinks,
  requireStaff,
  STAFF_PREFIX,
  type DeskContext,
} from './desk-context.ts';

const AUDIT_PAGE_SIZE = 50;

export function reportRoutes(app: FastifyInstance, ctx: DeskContext): void {
  app.get<{ Querystring: { year?: string } }>(`${STAFF_PREFIX}summary/`, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, 'requests');
    if (!session) return reply;
    const thisYear = londonDate(new Date()).slice(0, 4);
    const years = [...new Set([thisYear, ...yearsWithRequests(ctx.db)])].sort().reverse();
    const year = years.includes(request.query.year ?? '') ? request.query.year! : thisYear;
    const summary = summariseYear(ctx.db, year, ctx.settings.requests.replyWorkingDays);
    return deskPage(ctx, reply, 200, 'summary.njk', `Summary of requests in ${year}`, {
      session,
      current: 'summary',
      summary,
      years,
      chart: { ...barChart(summary.perFormat.map((f) => ({ label: f.format, count: f.count }))), ...CHART },
    });
  });

  for (const kind of ['requests', 'feedback'] as const) {
    app.get(`${STAFF_PREFIX}export/${kind}.csv`, async (request, reply) => {
      const session = requireStaff(ctx, request, reply, 'requests');
      if (!session) return reply;
      const rows = listSubmissions(ctx.db, kind, { includeDone: true });
      audit(
        ctx,
        request,
        session.account.email,
        kind === 'requests' ? 'exported-requests' : 'exported-feedback',
        null,
        `${rows.length} rows`,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${kind}-${londonDate(new Date())}.csv"`)
        .send(`\uFEFF${toCsv(rows) || 'no rows\r\n'}`);
    });
  }

  app.get<{ Querystring: { page?: string } }>(`${STAFF_PREFIX}activity/`, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, 'requests');
    if (!session) return reply;
    const page = pageNumber(request.query.page);
    const { entries, total } = listAudit(ctx.db, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    return deskPage(ctx, reply, 200, 'activity.njk', 'Activity', {
      session,
      current: 'activity',
      entries: entries.map((e) => ({ ...e, action: AUDIT_ACTIONS[e.action] ?? e.action })),
      page,
      pages,
      total,
      ...pagerLinks(page, pages, (n) => `?page=${n}`),
    });
  });
}
