/**
 * The easy-read PDF's HTML: each point a picture on the left and its words on the right, text at 18 pt (nothing
 * below 16 pt, UK easy-read guidance), the Hard words list at the end, then how to get other formats.
 */
import type { Organisation } from '../../report/site-data.ts';
import type { PrintImage } from '../print/print-html.ts';
import { keepTogether, printableUrl, printDocument } from '../print/print-html.ts';
import { printCss } from '../print/print-css.ts';
import { readableDate } from '../site/filters.ts';
import type { EasyReadDocument } from './model.ts';
import { escapeHtml, inlineHtml } from './render-html.ts';
import { PICTOGRAM_CREDIT } from './pictograms.ts';

export const EASY_READ_PRINT = {
  /** Body text; headings are larger. */
  bodyPt: 18,
  /** Nothing may be smaller (page numbers included). */
  minimumPt: 16,
};

export interface EasyReadPrintInput {
  doc: EasyReadDocument;
  reportTitle: string;
  organisation: Organisation;
  pictures: ReadonlyMap<string, PrintImage>;
  fontCss: string;
  usesPictograms: boolean;
}

/** Headings of the easy-read PDF in order: what its bookmarks must equal. */
export function easyReadHeadings(doc: EasyReadDocument): Array<{ level: number; text: string }> {
  return [
    { level: 1, text: doc.meta.title },
    ...doc.sections.flatMap((s) => (s.heading ? [{ level: 2, text: s.heading.text }] : [])),
    ...(doc.hardWords.length ? [{ level: 2, text: 'Hard words' }] : []),
    ...(doc.meta.changes.length ? [{ level: 2, text: 'What changed' }] : []),
    { level: 2, text: 'Other formats' },
  ];
}

const EASY_READ_CSS = `
.point { display: grid; grid-template-columns: 32mm 1fr; gap: 8mm; align-items: center; margin: 0 0 8mm; break-inside: avoid; }
.point img { width: 32mm; height: auto; }
.point p { margin: 0; }
.cover .kind { font-weight: 700; font-size: 1.25em; }
dl.hard-words dt { font-weight: 700; margin-top: 0.75em; }
dl.hard-words dd { margin: 0 0 0.5em; }
`;

export function renderEasyReadPrintHtml(input: EasyReadPrintInput): string {
  const { doc, organisation: org } = input;
  const text = (nodes: Parameters<typeof inlineHtml>[0]): string => inlineHtml(nodes, keepTogether);
  const sections = doc.sections.map((section) => {
    const points = section.points.map((point) => {
      const picture = point.picture ? input.pictures.get(point.picture.src) : undefined;
      const img = picture && point.picture ? `<img src="${picture.dataUri}" alt="${escapeHtml(point.picture.alt)}" width="${picture.width}" height="${picture.height}">` : '<span></span>';
      return `<div class="point">${img}<p>${text(point.content)}</p></div>`;
    });
    return `${section.heading ? `<h2>${escapeHtml(section.heading.text)}</h2>` : ''}\n${points.join('\n')}`;
  });
  const hardWords = doc.hardWords.length
    ? `<h2>Hard words</h2><dl class="hard-words">${doc.hardWords.map((h) => `<dt>${escapeHtml(h.word)}</dt><dd>${text(h.explanation)}</dd>`).join('')}</dl>`
    : '';
  const checked = doc.meta.checkedBy && doc.meta.checkedOn ? `<p>${escapeHtml(doc.meta.checkedBy)} checked this with readers on ${escapeHtml(readableDate(doc.meta.checkedOn))}.</p>` : '';
  return printDocument({
    lang: doc.meta.lang,
    title: doc.meta.title,
    css: `${input.fontCss}\n${printCss(EASY_READ_PRINT.bodyPt)}\n${EASY_READ_CSS}`,
    body: `<section class="cover">
<p class="publisher">${escapeHtml(org.name)}</p>
<h1>${escapeHtml(doc.meta.title)}</h1>
<p class="kind">Easy read</p>
<p>This is an easy read version of our report: ${escapeHtml(input.reportTitle)}.</p>
<p>Published ${escapeHtml(readableDate(doc.meta.published))}${doc.meta.updated ? `. Updated ${escapeHtml(readableDate(doc.meta.updated))}` : ''}.</p>
${checked}
</section>
<main>
${sections.join('\n')}
${hardWords}
${doc.meta.changes.length ? `<h2>What changed</h2><ul>${[...doc.meta.changes].sort((a, b) => b.date.localeCompare(a.date)).map((c) => `<li><strong>${escapeHtml(readableDate(c.date))}:</strong> ${escapeHtml(c.summary)}</li>`).join('')}</ul>` : ''}
</main>
<section>
<h2>Other formats</h2>
<p>You can ask us for this in another way. For example, large print or audio.</p>
<ul><li>Phone: ${keepTogether(escapeHtml(org.phone))}</li>${org.text ? `<li>Text: ${keepTogether(escapeHtml(org.text))}</li>` : ''}<li>Email: ${escapeHtml(org.email)}</li><li>Web: ${escapeHtml(printableUrl(org.website))}</li></ul>
${input.usesPictograms ? `<p>${escapeHtml(PICTOGRAM_CREDIT)}</p>` : ''}
</section>`,
  });
}
