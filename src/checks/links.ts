/**
 * Content check: links say where they go (no "click here", no bare addresses as text) and links inside the site lead
 * to a page and an anchor that exist. Screen-reader users often list a page's links out of context (WCAG 2.4.4).
 */
import path from 'node:path';
import { error, type Problem } from '../report/problems.ts';
import type { Inline, ReportDocument } from '../report/model.ts';
import { walkInlines } from '../report/build-document.ts';
import { codeScheme } from '../markdown/code-urls.ts';

export const VAGUE_LINK_TEXT = new Set([
  'click here',
  'here',
  'click',
  'read more',
  'more',
  'more info',
  'more information',
  'find out more',
  'learn more',
  'link',
  'this link',
  'this',
  'this page',
  'page',
  'website',
  'this website',
  'details',
  'go',
  'see more',
  'continue',
]);

/** Pages of the built site: URL path (ending in /) → ids on that page. */
export type SitePages = ReadonlyMap<string, ReadonlySet<string>>;

function textOf(nodes: readonly Inline[]): string {
  return nodes
    .map((n) =>
      n.type === 'text' || n.type === 'code'
        ? n.text
        : 'children' in n
          ? textOf(n.children)
          : n.type === 'image'
            ? n.image.alt
            : '',
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export type LinkTarget =
  | { kind: 'external' }
  | { kind: 'page'; page: string; anchor?: string }
  | { kind: 'file'; relative: string }
  | { kind: 'refused'; why: string };

/** Works out where a link in a report points. Relative links are resolved against the report's own page. */
export function classifyLink(href: string, slug: string): LinkTarget {
  const code = codeScheme(href);
  if (code)
    return {
      kind: 'refused',
      why: `is a ${code}: address, which runs code in the reader's browser instead of opening a page`,
    };
  if (/^file:/i.test(href.trim()))
    return { kind: 'refused', why: 'points to a file on one computer (file:), which readers cannot open' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return { kind: 'external' };
  const base = `https://site.invalid/reports/${slug}/`;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return { kind: 'refused', why: 'is not a valid address' };
  }
  const anchor = url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined;
  let page = decodeURIComponent(url.pathname);
  const inOwnFolder = page.startsWith(`/reports/${slug}/`) && page !== `/reports/${slug}/`;
  if (inOwnFolder && /\.[a-z0-9]{2,5}$/i.test(page) && !/\/index\.(md|html)$/i.test(page)) {
    return { kind: 'file', relative: page.slice(`/reports/${slug}/`.length) };
  }
  page = page.replace(/index\.(html|md)$/i, '');
  if (!page.endsWith('/') && !/\.[a-z0-9]{2,5}$/i.test(page)) page += '/';
  return { kind: 'page', page, ...(anchor ? { anchor } : {}) };
}

export function checkLinks(doc: ReportDocument, pages: SitePages, files: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  walkInlines(doc, (node, line) => {
    if (node.type !== 'link') return;
    const at = (message: string, fix: string): number => problems.push(error(doc.file, line, message, fix, 'links'));
    const text = textOf(node.children);
    if (text === '')
      at(
        `the link to ${node.href || '(nowhere)'} has no text`,
        'write what the link leads to between the square brackets: [our 2019 survey](address)',
      );
    else if (VAGUE_LINK_TEXT.has(text.toLowerCase().replace(/[.!:…]+$/, '')))
      at(
        `the link text "${text}" does not say where it goes`,
        'use words that make sense on their own, like [read the full report (PDF)](address)',
      );
    else if (/^(https?:\/\/|www\.)\S+$/i.test(text))
      at(
        `the link text is a bare web address (${text})`,
        'use words that say where it goes, like [NHS mental health services](address)',
      );
    if (node.href.trim() === '') {
      at(`the link "${text}" has no address`, 'put the address between the round brackets: [text](https://…)');
      return;
    }
    const target = classifyLink(node.href, doc.slug);
    if (target.kind === 'refused')
      at(`the link "${text}" ${target.why}`, 'link to a web page or an email address instead');
    else if (target.kind === 'file') {
      if (!files.has(target.relative))
        at(
          `the link "${text}" points to ${target.relative}, which is not in the report's folder`,
          `put the file in ${path.dirname(doc.file)}/ or correct the address`,
        );
    } else if (target.kind === 'page') {
      const ids = pages.get(target.page);
      if (!ids) {
        const mdHint = /\.md$/i.test(node.href)
          ? ` — link to the page, like ../${path.basename(path.dirname(node.href)) || 'report-name'}/`
          : '';
        at(
          `the link "${text}" goes to ${target.page}, which is not a page of this site${mdHint}`,
          'check the address; links to other reports look like /reports/report-name/',
        );
      } else if (target.anchor && !ids.has(target.anchor)) {
        at(
          `the link "${text}" goes to #${target.anchor}, which is not on ${target.page}`,
          `use the id of a heading on that page${ids.size ? ` (for example #${[...ids][0]})` : ''}`,
        );
      }
    }
  });
  return problems;
}
