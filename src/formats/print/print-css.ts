/**
 * Print CSS for one text size. Every rule keeps text at or above `sizePt` (headings larger), left aligned, unhyphenated,
 * with about 1.5 line height and a blank line between paragraphs (UKAAF G003; RNIB clear print).
 */
export function printCss(sizePt: number): string {
  const pt = (factor: number): string => `${Math.round(sizePt * factor * 10) / 10}pt`;
  return `
@page { size: A4 portrait; margin: 20mm 20mm ${Math.max(25, Math.ceil(sizePt * 1.9))}mm 20mm; }
html { font-family: "Atkinson Hyperlegible", sans-serif; font-size: ${pt(1)}; font-synthesis: none; }
body { margin: 0; color: #000; background: #fff; line-height: 1.5; text-align: left; hyphens: none; overflow-wrap: break-word; }
* { font-style: normal !important; text-align: left; hyphens: none !important; font-size: inherit; }
p, ul, ol, blockquote, figure, table, pre, .table-reflowed { margin: 0 0 1.5em; }
li { margin-bottom: 0.5em; }
li > p { margin: 0 0 0.5em; }
h1, h2, h3, h4, h5, h6 { font-weight: 700; line-height: 1.25; margin: 1.5em 0 0.75em; break-after: avoid; }
h1 { font-size: ${pt(2)}; margin-top: 0.5em; }
h2 { font-size: ${pt(1.5)}; }
h3 { font-size: ${pt(1.25)}; }
h4, h5, h6 { font-size: ${pt(1.1)}; }
strong, b { font-weight: 700; }
a { color: #000; text-decoration: underline; }
.url { overflow-wrap: anywhere; }
abbr { text-decoration: none; }
del { text-decoration: line-through; }
code, pre { font-family: "Atkinson Hyperlegible", sans-serif; white-space: pre-wrap; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 0.3em solid #000; }
figure { margin-left: 0; margin-right: 0; break-inside: avoid; }
figure img { display: block; width: 100%; height: auto; }
figcaption { margin-top: 0.5em; font-weight: 700; }
table { border-collapse: collapse; width: calc(100% - 0.2em); }
caption { text-align: left; font-weight: 700; padding-bottom: 0.5em; }
th, td { border: 1px solid #000; padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
th { font-weight: 700; }
.num { text-align: right; }
tr { break-inside: avoid; }
.keep-together { break-inside: avoid; }
caption, thead { break-after: avoid; }
.table-rows { padding-left: 1.5em; }
.table-rows ul { list-style: none; padding-left: 0; }
.table-row { break-inside: avoid; }
.nowrap { white-space: nowrap; }
.cover { break-after: page; }
.cover .publisher { font-weight: 700; font-size: ${pt(1.25)}; }
.cover .summary { font-size: ${pt(1.25)}; }
.cover { display: flex; flex-direction: column; min-height: 240mm; }
.cover .edition { font-weight: 700; font-size: ${pt(1.25)}; border: 0.15em solid #000; padding: 0.5em; align-self: flex-start; }
.contents, .other-formats { break-inside: avoid; }
hr { border: 0; border-top: 0.1em solid #000; }
`;
}

/** Chromium's footer template ("Page 3 of 31"): sized like the body, since templates default to tiny text. */
export function pageNumberFooter(sizePt: number, fontCss: string): string {
  return `<style>${fontCss} .footer { font-family: "Atkinson Hyperlegible", sans-serif; font-size: ${sizePt}pt; width: 100%; text-align: center; margin: 0 20mm; -webkit-print-color-adjust: exact; }</style><div class="footer">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;
}
