/**
 * The website renderer: markdown-it's HTML renderer over the report's tokens, with small accessibility wrappers around
 * the default rules (the x-govuk/govuk-eleventy-plugin habit). Renderers never change tokens.
 *
 * - images → <picture> with WebP and width/height; a lone image → <figure> with its caption; lazy below the fold
 * - tables → a labelled, keyboard-focusable scrolling region; header cells get scope
 * - headings → a "link to this section" anchor after the heading
 * - footnotes → a "Notes" section with a heading, and references whose link text says what they are
 * - callouts (`> [!NOTE]`) → an aside with a visible label; checklist items → a read-only checkbox named by its state
 * - raw HTML → escaped (the checks refuse it first); HTML comments → nothing
 */
import type { MarkdownIt, Token, Renderer } from 'markdown-it';
import { createMarkdown } from '../../markdown/factory.ts';
import { codeScheme } from '../../markdown/code-urls.ts';
import { inlineText } from '../../markdown/text.ts';
import type { ParsedReport } from '../../report/parse-report.ts';
import type { ProcessedImage } from './images.ts';
import { isHtmlComment } from '../../checks/raw-html.ts';
import { CALLOUT_LABELS, taskState, type CalloutKind } from '../../report/callouts.ts';

export interface SiteRenderEnv {
  docId: string;
  /** Processed images by the src written in the Markdown. */
  images: ReadonlyMap<string, ProcessedImage>;
  /** Image srcs shown near the top of the page, loaded at once rather than lazily. */
  eager: ReadonlySet<string>;
  /** Counts tables so each one's region gets a label even without a caption. */
  tableCount?: number;
  [key: string | symbol]: unknown;
}

type Rule = NonNullable<Renderer['rules'][string]>;

function pictureHtml(md: MarkdownIt, image: Token, env: SiteRenderEnv, sizes: string): string {
  const escape = md.utils.escapeHtml;
  const src = String(image.attrGet('src') ?? '');
  const alt = image.meta?.decorative ? '' : inlineText(image.children);
  const processed = env.images.get(src);
  if (!processed) return `<img src="${escape(src)}" alt="${escape(alt)}">`;
  const loading = env.eager.has(src) ? 'eager' : 'lazy';
  const sources = processed.sources
    .map((s) => `<source type="${s.type}" srcset="${escape(s.srcset)}" sizes="${sizes}">`)
    .join('');
  return `<picture>${sources}<img src="${escape(processed.src)}" alt="${escape(alt)}" width="${processed.width}" height="${processed.height}" loading="${loading}" decoding="async"></picture>`;
}

function footnoteNumber(token: Token): { n: number; sub: string } {
  const meta = (token.meta ?? {}) as { id?: number; subId?: number };
  return { n: Number(meta.id ?? 0) + 1, sub: (meta.subId ?? 0) > 0 ? `:${meta.subId}` : '' };
}

export function createSiteRenderer(sizes: string): MarkdownIt {
  const md = createMarkdown();
  const rules = md.renderer.rules;
  const escape = md.utils.escapeHtml;
  const fallback = (name: string): Rule =>
    rules[name] ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

  // A second line behind the link check: an address that runs code is never written into a page.
  rules.link_open = (tokens, idx, options, _env, self) =>
    codeScheme(String(tokens[idx]!.attrGet('href') ?? '')) ? '<a>' : self.renderToken(tokens, idx, options);
  rules.image = (tokens, idx, _options, env) => {
    const image = tokens[idx]!;
    const picture = pictureHtml(md, image, env as SiteRenderEnv, sizes);
    if (!image.meta?.figure) return picture;
    const caption = image.attrGet('title');
    return `<figure class="figure">${picture}${caption ? `<figcaption>${escape(String(caption))}</figcaption>` : ''}</figure>\n`;
  };

  const escapeHtmlToken: Rule = (tokens, idx) => {
    const raw = tokens[idx]!.content;
    return isHtmlComment(raw) ? '' : escape(raw);
  };
  rules.html_block = escapeHtmlToken;
  rules.html_inline = escapeHtmlToken;

  rules.table_open = (tokens, idx, _options, rawEnv) => {
    const env = rawEnv as SiteRenderEnv;
    env.tableCount = (env.tableCount ?? 0) + 1;
    const captionToken = tokens[idx]!.meta?.caption as Token | undefined;
    const id = `table-${env.docId}-${env.tableCount}`;
    const caption = captionToken
      ? md.renderer.renderInline(captionToken.children ?? [], md.options, env)
      : `Table ${env.tableCount}`;
    return `<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">\n<table>\n<caption id="${id}"${captionToken ? '' : ' class="visually-hidden"'}>${caption}</caption>\n`;
  };
  rules.table_close = () => '</table>\n</div>\n';
  // Alignment as a class, not a style attribute, so a strict Content-Security-Policy needs no 'unsafe-inline' styles.
  const alignClass = (html: string): string =>
    html.replace(/ style="text-align:(left|center|right)"/, ' class="align-$1"');
  const thOpen = fallback('th_open');
  const tdOpen = fallback('td_open');
  rules.th_open = (tokens, idx, options, env, self) =>
    alignClass(thOpen(tokens, idx, options, env, self)).replace('<th', '<th scope="col"');
  rules.td_open = (tokens, idx, options, env, self) => alignClass(tdOpen(tokens, idx, options, env, self));

  // The anchor sits after the heading, not inside it, so the heading's name in a screen reader's list stays clean.
  const headingOpen = fallback('heading_open');
  const headingClose = fallback('heading_close');
  rules.heading_open = (tokens, idx, options, env, self) =>
    `<div class="heading-with-anchor">${headingOpen(tokens, idx, options, env, self)}`;
  rules.heading_close = (tokens, idx, options, env, self) => {
    const id = tokens[idx - 2]?.attrGet('id');
    const closing = headingClose(tokens, idx, options, env, self).trimEnd();
    if (!id) return `${closing}</div>\n`;
    const text = escape(inlineText(tokens[idx - 1]?.children));
    // Hidden from screen readers and the tab order: Orca read "Link to the section: …, link" after every heading. The
    // contents list links to every section for anyone who wants a section's address.
    return `${closing}<a class="heading-anchor" href="#${escape(String(id))}" aria-hidden="true" tabindex="-1" title="Link to the section: ${text}">#</a></div>\n`;
  };

  // A callout (`> [!NOTE]`): an aside with its label as visible text, so the kind is never told by colour or an icon alone.
  rules.callout_open = (tokens, idx) => {
    const kind = tokens[idx]!.meta?.kind as CalloutKind;
    return `<aside class="callout callout-${kind}">\n<p class="callout-label">${CALLOUT_LABELS[kind]}</p>\n`;
  };
  rules.callout_close = () => '</aside>\n';

  // A checklist item: a real checkbox, read-only, named by its state in words ("Done", "Not done"), so a screen reader
  // hears both the control and what it means, and the state is there when the page is read without styles.
  const listItemOpen = fallback('list_item_open');
  rules.list_item_open = (tokens, idx, options, env, self) => {
    const done = tokens[idx]!.meta?.done as boolean | undefined;
    const opening = listItemOpen(tokens, idx, options, env, self);
    if (done === undefined) return opening;
    const box = `<input type="checkbox" class="task-box" disabled${done ? ' checked' : ''} aria-label="${taskState(done)}"> `;
    return `${opening.replace(/^<li/, '<li class="task-item"')}${box}`;
  };
  const bulletListOpen = fallback('bullet_list_open');
  rules.bullet_list_open = (tokens, idx, options, env, self) => {
    const opening = bulletListOpen(tokens, idx, options, env, self);
    return tokens[idx]!.meta?.checklist ? opening.replace(/^<ul/, '<ul class="checklist"') : opening;
  };

  rules.footnote_block_open = () =>
    '<section class="footnotes">\n<h2 id="footnotes-heading">Notes</h2>\n<ol class="footnotes-list">\n';
  rules.footnote_block_close = () => '</ol>\n</section>\n';
  rules.footnote_ref = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const id = self.rules.footnote_anchor_name!(tokens, idx, options, env, self);
    const { n, sub } = footnoteNumber(token);
    return `<sup class="footnote-ref"><a href="#fn${id}" id="fnref${id}${sub}"><span class="visually-hidden">Note&nbsp;</span>${n}</a></sup>`;
  };
  rules.footnote_anchor = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const id = self.rules.footnote_anchor_name!(tokens, idx, options, env, self);
    const { n, sub } = footnoteNumber(token);
    return ` <a href="#fnref${id}${sub}" class="footnote-backref"><span aria-hidden="true">↩</span><span class="visually-hidden">Back to where note ${n} is mentioned</span></a>`;
  };
  return md;
}

/** Image srcs that appear before the first h2: above the fold on most screens, so not lazy-loaded. */
export function eagerImages(report: ParsedReport): Set<string> {
  const first = report.document.sections[0];
  if (!first || first.heading) return new Set();
  return new Set(first.blocks.flatMap((b) => (b.type === 'figure' ? [b.image.src] : [])));
}

export function renderReportBody(
  md: MarkdownIt,
  report: ParsedReport,
  images: ReadonlyMap<string, ProcessedImage>,
): string {
  const env: SiteRenderEnv = { ...report.env, docId: report.document.slug, images, eager: eagerImages(report) };
  return md.renderer.render(report.tokens, md.options, env);
}
