/**
 * Serves the editor desk's preview (a whole site built with drafts) under /staff/preview/, signed in only. The site's
 * pages link from the root (/assets/…, /reports/…), so pages and style sheets are sent with those addresses moved under
 * the preview, and a reader of the preview never lands on the public site by accident. A page carries a banner saying
 * it is a preview.
 */
import type { FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveFile, TYPES } from '../../checks/site/static-server.ts';
import { STAFF_PREFIX } from './desk-context.ts';

export const PREVIEW_PREFIX = `${STAFF_PREFIX}preview/`;

const BANNER = `<p class="preview-banner">Preview for the editor desk: not published. <a href="${STAFF_PREFIX}reports/">Back to the reports</a></p>`;

/** Root-relative addresses in HTML attributes and CSS url() moved under the preview. */
export function underPreview(text: string, isHtml: boolean): string {
  const moved = text
    .replace(/\b(href|src|action|poster|data-src)="\/(?!\/)/g, `$1="${PREVIEW_PREFIX}`)
    .replace(/url\((["']?)\/(?!\/)/g, `url($1${PREVIEW_PREFIX}`)
    .replace(
      /\bsrcset="([^"]*)"/g,
      (_all, set: string) => `srcset="${set.replace(/(^|,\s*)\/(?!\/)/g, `$1${PREVIEW_PREFIX}`)}"`,
    );
  return isHtml
    ? moved
        .replace('</head>', `<link rel="stylesheet" href="${STAFF_PREFIX}staff.css"></head>`)
        .replace(/<body([^>]*)>/, (open) => `${open}${BANNER}`)
    : moved;
}

export async function servePreview(reply: FastifyReply, previewDir: string, urlPath: string): Promise<FastifyReply> {
  const file = await resolveFile(path.resolve(previewDir), `/${urlPath}`);
  if (!file)
    return reply
      .code(404)
      .type('text/plain; charset=utf-8')
      .send('There is no preview here yet: ask for a preview from the report’s page.');
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const isHtml = type.startsWith('text/html');
  if (isHtml || type.startsWith('text/css'))
    return reply.type(type).send(underPreview(await readFile(file, 'utf8'), isHtml));
  return reply.type(type).send(await readFile(file));
}
