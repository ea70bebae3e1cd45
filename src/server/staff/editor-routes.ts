/**
 * The editor desk's pages (role "editor"): the reports list and Word upload, the text editor with the build's own
 * checks at their lines, preview and publish as background jobs with their progress, and each report's history with
 * what changed and a restore. Every page works without JavaScript; /staff/editor.js (CodeMirror, bundled from our own
 * node_modules) adds line numbers, problems marked at their lines as you type, and progress that updates itself.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { randomBytes } from 'node:crypto';
import { SECURITY_HEADERS } from '../../formats/site/security-headers.ts';
import type { EditorDesk } from '../../editor/editor-desk.ts';
import { authorFor, MAX_PICTURE_BYTES, MAX_WORD_BYTES, UploadRefused } from '../../editor/editor-desk.ts';
import { EDITABLE_FILES, isEditableFile, isSlug, type EditableFile } from '../../editor/report-files.ts';
import { findJob, listJobs, type Job } from '../../editor/editor-store.ts';
import { isCommitId } from '../../history/content-history.ts';
import type { StaffSession } from '../auth/sessions.ts';
import {
  audit,
  deskPage,
  fieldsOf,
  messagePage,
  requireStaff,
  sessionOf,
  STAFF_PREFIX,
  type DeskContext,
} from './desk-context.ts';
import { crossSite } from '../form-token.ts';
import { editorScript } from './editor-script.ts';
import { servePreview } from './preview-files.ts';

export const REPORTS = `${STAFF_PREFIX}reports/`;
/** Largest edit form: a very long report, percent-encoded. */
const EDIT_BODY_LIMIT = 8 * 1024 * 1024;
const CHANGE_NOTE_MAX = 500;

type SlugParams = { Params: { slug: string } };

const reportLink = { href: REPORTS, label: 'Go to the reports' };

/** Lines of the text around each problem, so a page without JavaScript shows the line itself, not only its number. */
function withLineText<T extends { line: number; which: string }>(
  problems: readonly T[],
  which: EditableFile,
  text: string,
): Array<T & { lineText?: string; here: boolean }> {
  const lines = text.split('\n');
  return problems.map((p) => ({
    ...p,
    here: p.which === which,
    ...(p.which === which && p.line > 0 ? { lineText: lines[p.line - 1] ?? '' } : {}),
  }));
}

export async function editorRoutes(app: FastifyInstance, ctx: DeskContext, desk: EditorDesk): Promise<void> {
  const editor = (request: FastifyRequest, reply: FastifyReply, form?: Record<string, string>) =>
    requireStaff(ctx, request, reply, 'editor', form);

  /** The report named in the address, or a "not found" page (undefined). */
  const reportOf = async (
    slug: string,
    reply: FastifyReply,
    session: StaffSession,
  ): Promise<{ slug: string; title: string } | undefined> => {
    if (isSlug(slug) && (await desk.exists(slug))) {
      return { slug, title: await desk.title(slug) };
    }
    messagePage(
      ctx,
      reply,
      404,
      'There is no such report',
      ['Nothing is saved under this address.'],
      reportLink,
      session,
    );
    return undefined;
  };

  /** The signed-in editor and the report named in the address; undefined when the request was already answered. */
  const editorReport = async (
    request: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    form?: Record<string, string>,
  ): Promise<{ session: StaffSession; report: { slug: string; title: string } } | undefined> => {
    const session = editor(request, reply, form);
    if (!session) return undefined;
    const report = await reportOf(request.params.slug, reply, session);
    return report && { session, report };
  };

  app.get(`${STAFF_PREFIX}help/editing/`, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    return deskPage(ctx, reply, 200, 'help-editing.njk', 'Using the editor desk', { session, current: 'reports' });
  });

  app.get(`${STAFF_PREFIX}editor.js`, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(await editorScript()),
  );

  app.get<{ Querystring: { added?: string } }>(REPORTS, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    return deskPage(ctx, reply, 200, 'reports.njk', 'Reports', {
      session,
      current: 'reports',
      reports: await desk.list(),
      jobs: listJobs(ctx.db, undefined, 5),
      maxMegabytes: MAX_WORD_BYTES / 1024 / 1024,
    });
  });

  /**
   * A desk form with one file (multipart, the file last): the signed-in editor, the fields and the file's bytes, or a
   * sentence saying why the file was not taken. Undefined when the request was already answered (not signed in, a
   * forged form).
   */
  const readUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    maxBytes: number,
  ): Promise<
    { session: StaffSession; fields: Record<string, string>; name: string; bytes?: Buffer; tooLarge?: true } | undefined
  > => {
    let part;
    try {
      part = await request.file({ limits: { fileSize: maxBytes } });
    } catch {
      part = undefined;
    }
    const fields = Object.fromEntries(
      Object.entries(part?.fields ?? {}).flatMap(([name, field]) =>
        field && !Array.isArray(field) && field.type === 'field' ? [[name, String(field.value)]] : [],
      ),
    );
    const session = editor(request, reply, fields);
    if (!session) {
      part?.file.resume();
      return undefined;
    }
    if (!part?.filename) return { session, fields, name: '' };
    try {
      return { session, fields, name: part.filename, bytes: await part.toBuffer() };
    } catch {
      return { session, fields, name: part.filename, tooLarge: true };
    }
  };

  // The uploads are the only multipart forms, so their parser is registered for these routes alone.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      // The name as sent, folders and all, so a name with a folder in it is refused rather than quietly cut short.
      preservePath: true,
      limits: { fileSize: MAX_WORD_BYTES, files: 1, fields: 5, fieldSize: 4096, parts: 7 },
    });
    scope.post(`${REPORTS}upload/`, async (request, reply) => {
      const upload = await readUpload(request, reply, MAX_WORD_BYTES);
      if (!upload) return reply;
      const { session } = upload;
      const refuse = async (message: string, status = 400) =>
        deskPage(ctx, reply, status, 'reports.njk', 'Reports: the Word file was not used', {
          session,
          current: 'reports',
          reports: await desk.list(),
          jobs: listJobs(ctx.db, undefined, 5),
          maxMegabytes: MAX_WORD_BYTES / 1024 / 1024,
          uploadError: message,
        });
      if (!upload.name) return refuse('Choose a Word file (.docx) to bring in.');
      if (!upload.bytes)
        return refuse(
          `${upload.name} is larger than ${MAX_WORD_BYTES / 1024 / 1024} MB, so it was not used. Make the pictures in it smaller (in Word: Compress Pictures), save it, and choose it again.`,
          413,
        );
      try {
        const slug = await desk.importWord(upload.name, upload.bytes, authorFor(session.account.email));
        audit(ctx, request, session.account.email, 'report-imported', slug, upload.name.slice(0, 200));
        return reply.code(303).redirect(`${REPORTS}${slug}/edit/?imported=1`);
      } catch (err) {
        if (err instanceof UploadRefused) return refuse(err.message);
        throw err;
      }
    });

    scope.post<SlugParams>(`${REPORTS}:slug/pictures/`, async (request, reply) => {
      const upload = await readUpload(request, reply, MAX_PICTURE_BYTES);
      if (!upload) return reply;
      const { session, fields } = upload;
      const report = await reportOf(request.params.slug, reply, session);
      if (!report) return reply;
      const refuse = async (message: string, status = 400) =>
        editPage(
          reply,
          session,
          report,
          'report',
          (await desk.read(report.slug, 'report')) ?? '',
          await desk.versionOf(report.slug, 'report'),
          { pictureError: message, alt: fields.alt ?? '', caption: fields.caption ?? '' },
          status,
        );
      if (!upload.name) return refuse('Choose a picture to add.');
      if (!upload.bytes)
        return refuse(
          `${upload.name} is larger than ${MAX_PICTURE_BYTES / 1024 / 1024} MB, so it was not used. Make it smaller (a photograph 2,000 pixels wide is plenty) and choose it again.`,
          413,
        );
      try {
        const added = await desk.addPicture(
          report.slug,
          upload.name,
          upload.bytes,
          { alt: fields.alt ?? '', caption: fields.caption ?? '' },
          authorFor(session.account.email),
        );
        audit(ctx, request, session.account.email, 'report-picture-added', report.slug, added.name);
        const query = new URLSearchParams({ file: 'report', picture: added.line });
        return reply.code(303).redirect(`${REPORTS}${report.slug}/edit/?${query.toString()}#picture-added`);
      } catch (err) {
        if (err instanceof UploadRefused) return refuse(err.message);
        throw err;
      }
    });
  });

  app.get<SlugParams>(`${REPORTS}:slug/`, async (request, reply) => {
    const found = await editorReport(request, reply);
    if (!found) return reply;
    const { session } = found;
    const summary = await desk.summary(found.report.slug);
    return deskPage(ctx, reply, 200, 'report.njk', summary.title, {
      session,
      current: 'reports',
      report: summary,
      jobs: listJobs(ctx.db, summary.slug, 10),
      hasEasyRead: (await desk.read(summary.slug, 'easy-read')) !== undefined,
    });
  });

  const editPage = async (
    reply: FastifyReply,
    session: StaffSession,
    report: { slug: string; title: string },
    which: EditableFile,
    text: string,
    base: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const checked = await desk.check(report.slug, { which, text });
    // CodeMirror adds its styles in <style> elements: this page's policy lets in only those carrying its nonce.
    const cspNonce = randomBytes(16).toString('base64');
    reply.header(
      'content-security-policy',
      SECURITY_HEADERS['content-security-policy']!.replace("style-src 'self'", `style-src 'self' 'nonce-${cspNonce}'`),
    );
    return deskPage(
      ctx,
      reply,
      status,
      'edit.njk',
      `Edit ${EDITABLE_FILES[which].label.toLowerCase()}: ${report.title}`,
      {
        session,
        current: 'reports',
        report,
        which,
        files: EDITABLE_FILES,
        fileName: EDITABLE_FILES[which].name,
        text,
        base,
        checked: { ...checked, problems: withLineText(checked.problems, which, text) },
        cspNonce,
        ...extra,
      },
    );
  };

  app.get<SlugParams & { Querystring: { file?: string; saved?: string; imported?: string; picture?: string } }>(
    `${REPORTS}:slug/edit/`,
    async (request, reply) => {
      const found = await editorReport(request, reply);
      if (!found) return reply;
      const { session, report } = found;
      const which: EditableFile = isEditableFile(request.query.file ?? '')
        ? (request.query.file as EditableFile)
        : 'report';
      const text = (await desk.read(report.slug, which)) ?? '';
      return editPage(reply, session, report, which, text, await desk.versionOf(report.slug, which), {
        saved: request.query.saved === '1',
        imported: request.query.imported === '1',
        // The line of a picture just added, to put in the text (only a picture line is shown back).
        pictureAdded: /^!\[[^\]\n]*\]\([\w.-]+(?: "[^"\n]*")?\)$/.test(request.query.picture ?? '')
          ? request.query.picture
          : undefined,
        isNew: text === '',
      });
    },
  );

  app.post<SlugParams>(`${REPORTS}:slug/edit/`, { bodyLimit: EDIT_BODY_LIMIT }, async (request, reply) => {
    const fields = fieldsOf(request);
    // Signed out while editing (the time-out, or signed out elsewhere): the text sent is shown back to be copied, never
    // dropped on the way to the sign-in page. It is the sender's own text, and a page on another site cannot read it.
    if (
      sessionOf(ctx, request, false).state !== 'active' &&
      fields.text &&
      !crossSite(request.headers, ctx.allowedOrigins(request))
    )
      return deskPage(ctx, reply, 401, 'signed-out-text.njk', 'Not saved: you were signed out', {
        text: fields.text,
        next: `${REPORTS}${isSlug(request.params.slug) ? `${request.params.slug}/edit/` : ''}`,
      });
    const found = await editorReport(request, reply, fields);
    if (!found) return reply;
    const { session, report } = found;
    const which: EditableFile = isEditableFile(fields.file ?? '') ? (fields.file as EditableFile) : 'report';
    const text = fields.text ?? '';
    const base = fields.base ?? '';
    const result = await desk.save(report.slug, which, text, base, authorFor(session.account.email));
    if ('conflict' in result) {
      audit(ctx, request, session.account.email, 'report-save-refused', report.slug, which);
      const file = `reports/${report.slug}/${EDITABLE_FILES[which].name}`;
      const theirs = base ? await desk.history.diff(base, file, result.current) : [];
      const [latest] = await desk.history.versions([file], 1);
      return deskPage(ctx, reply, 409, 'conflict.njk', `Not saved: ${report.title} was changed by someone else`, {
        session,
        current: 'reports',
        report,
        which,
        text,
        current_version: result.current,
        latest,
        theirs,
      });
    }
    audit(ctx, request, session.account.email, 'report-saved', report.slug, which);
    return reply.code(303).redirect(`${REPORTS}${report.slug}/edit/?file=${which}&saved=1`);
  });

  // As you type (JavaScript only): the same checks on the unsaved text, as JSON for the editor's problem marks.
  app.post<SlugParams>(`${REPORTS}:slug/check/`, { bodyLimit: EDIT_BODY_LIMIT }, async (request, reply) => {
    const fields = fieldsOf(request);
    const session = editor(request, reply, fields);
    if (!session) return reply;
    if (!isSlug(request.params.slug) || !(await desk.exists(request.params.slug))) return reply.code(404).send({});
    const which: EditableFile = isEditableFile(fields.file ?? '') ? (fields.file as EditableFile) : 'report';
    const started = performance.now();
    const checked = await desk.check(request.params.slug, { which, text: (fields.text ?? '').replace(/\r\n?/g, '\n') });
    return reply.send({
      ms: Math.round(performance.now() - started),
      errors: checked.errors,
      warnings: checked.warnings,
      problems: checked.problems.map((p) => ({
        line: p.line,
        here: p.which === which,
        file: p.file,
        severity: p.severity,
        message: p.message,
        fix: p.fix,
      })),
    });
  });

  app.post<SlugParams>(`${REPORTS}:slug/preview/`, async (request, reply) => {
    const fields = fieldsOf(request);
    const found = await editorReport(request, reply, fields);
    if (!found) return reply;
    const { session, report } = found;
    const id = desk.queue('preview', report.slug, session.account.email);
    return reply.code(303).redirect(`${STAFF_PREFIX}jobs/${id}/`);
  });

  const publishPage = async (
    reply: FastifyReply,
    session: StaffSession,
    report: { slug: string; title: string },
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const checked = await desk.check(report.slug);
    const lastFailed = listJobs(ctx.db, report.slug, 5).find((j) => j.kind === 'publish' && j.state === 'failed');
    return deskPage(ctx, reply, status, 'publish.njk', `Publish: ${report.title}`, {
      session,
      current: 'reports',
      report,
      checked,
      publication: desk.publication(report.slug),
      noteMax: CHANGE_NOTE_MAX,
      note: lastFailed?.note ?? '',
      ...extra,
    });
  };

  app.get<SlugParams>(`${REPORTS}:slug/publish/`, async (request, reply) => {
    const found = await editorReport(request, reply);
    if (!found) return reply;
    const { session, report } = found;
    return publishPage(reply, session, report);
  });

  app.post<SlugParams>(`${REPORTS}:slug/publish/`, async (request, reply) => {
    const fields = fieldsOf(request);
    const found = await editorReport(request, reply, fields);
    if (!found) return reply;
    const { session, report } = found;
    const note = (fields.note ?? '').replace(/\s+/g, ' ').trim();
    const published = desk.publication(report.slug);
    const noteError =
      !note && published
        ? 'Write a change note: readers of the published report are told what changed, in every edition.'
        : note.length > CHANGE_NOTE_MAX
          ? `Shorten the change note to ${CHANGE_NOTE_MAX} characters or fewer.`
          : undefined;
    if (noteError) return publishPage(reply, session, report, { noteError, note }, 400);
    const id = desk.queue('publish', report.slug, session.account.email, note);
    audit(ctx, request, session.account.email, 'report-publish-asked', report.slug, note.slice(0, 200) || null);
    return reply.code(303).redirect(`${STAFF_PREFIX}jobs/${id}/`);
  });

  app.get<{ Params: { id: string } }>(`${STAFF_PREFIX}jobs/:id/`, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    const job = /^\d{1,12}$/.test(request.params.id) ? findJob(ctx.db, Number(request.params.id)) : undefined;
    if (!job)
      return messagePage(
        ctx,
        reply,
        404,
        'There is no such job',
        ['Nothing was asked for under this number.'],
        reportLink,
        session,
      );
    return deskPage(ctx, reply, 200, 'job.njk', jobTitle(job), {
      session,
      current: 'reports',
      job,
      logLines: job.log.trim().split('\n').slice(-40),
      editions: job.state === 'done' ? await editionsOf(desk, job) : [],
      problems: job.problems.map((p) => ({
        ...p,
        which: (Object.keys(EDITABLE_FILES) as EditableFile[]).find((w) =>
          p.file.endsWith(`/${job.slug}/${EDITABLE_FILES[w].name}`),
        ),
      })),
    });
  });

  app.get<SlugParams>(`${REPORTS}:slug/history/`, async (request, reply) => {
    const found = await editorReport(request, reply);
    if (!found) return reply;
    const { session, report } = found;
    const versions = await desk.history.versions([`reports/${report.slug}`]);
    const publication = desk.publication(report.slug);
    return deskPage(ctx, reply, 200, 'history.njk', `History: ${report.title}`, {
      session,
      current: 'reports',
      report,
      versions,
      publishedCommit: publication?.commit,
      restored: (request.query as { restored?: string }).restored === '1',
    });
  });

  app.get<{ Params: { slug: string; commit: string } }>(`${REPORTS}:slug/history/:commit/`, async (request, reply) => {
    const found = await editorReport(request, reply);
    if (!found) return reply;
    const { session, report } = found;
    const versions = await desk.history.versions([`reports/${report.slug}`]);
    const index = versions.findIndex((v) => v.commit === request.params.commit);
    const version = versions[index];
    if (!isCommitId(request.params.commit) || !version)
      return messagePage(
        ctx,
        reply,
        404,
        'There is no such version',
        ['This report has no version under this address.'],
        { href: `${REPORTS}${report.slug}/history/`, label: 'Go to the history' },
        session,
      );
    const previous = versions[index + 1];
    const changes = [];
    for (const which of Object.keys(EDITABLE_FILES) as EditableFile[]) {
      const file = `reports/${report.slug}/${EDITABLE_FILES[which].name}`;
      const lines = previous
        ? await desk.history.diff(previous.commit, file, version.commit)
        : ((await desk.history.fileAt(version.commit, file)) ?? '')
            .split('\n')
            .filter((_, i, all) => i < all.length - 1 || all[i] !== '')
            .map((text, i) => ({ kind: 'added' as const, text, line: i + 1 }));
      if (lines.length) changes.push({ label: EDITABLE_FILES[which].label, lines });
    }
    return deskPage(ctx, reply, 200, 'diff.njk', `What changed: ${report.title}`, {
      session,
      current: 'reports',
      report,
      version,
      previous,
      changes,
    });
  });

  app.post<SlugParams>(`${REPORTS}:slug/restore/`, async (request, reply) => {
    const fields = fieldsOf(request);
    const found = await editorReport(request, reply, fields);
    if (!found) return reply;
    const { session, report } = found;
    const commit = fields.commit ?? '';
    const made = isCommitId(commit)
      ? await desk.restore(report.slug, commit, authorFor(session.account.email))
      : undefined;
    if (!made)
      return messagePage(
        ctx,
        reply,
        404,
        'Nothing was restored',
        ['That version is not in this report’s history.'],
        { href: `${REPORTS}${report.slug}/history/`, label: 'Go to the history' },
        session,
      );
    audit(ctx, request, session.account.email, 'report-restored', report.slug, commit.slice(0, 12));
    return reply.code(303).redirect(`${REPORTS}${report.slug}/history/?restored=1`);
  });

  app.get<{ Params: { '*': string } }>(`${STAFF_PREFIX}preview/*`, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    return servePreview(reply, desk.paths.previewDir, request.params['*']);
  });
}

function jobTitle(job: Job): string {
  const what = job.kind === 'preview' ? 'Preview' : 'Publish';
  const state = {
    queued: 'waiting',
    running: 'in progress',
    done: job.kind === 'preview' ? 'ready' : 'done',
    failed: 'stopped',
  }[job.state];
  return `${what} of ${job.slug}: ${state}`;
}

/** The editions a finished job made, with where to open them (the preview's copy, or the public site's). */
async function editionsOf(desk: EditorDesk, job: Job): Promise<Array<{ label: string; href: string }>> {
  const preview = job.kind === 'preview';
  const prefix = preview ? `${STAFF_PREFIX}preview` : '';
  return (await desk.editions(job.slug, preview ? desk.paths.previewDir : desk.paths.siteDir)).map((f) => ({
    label: f.label,
    href: `${prefix}/reports/${job.slug}/${f.href === './' ? '' : f.href}`,
  }));
}
