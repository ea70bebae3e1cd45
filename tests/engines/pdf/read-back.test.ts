/**
 * The read-back's two newest checks, held against a PDF that really has the faults: Chromium's own tagged output
 * (the print path before Typst) glues words at soft line breaks and leaves its page numbers untagged.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser } from '../../../src/checks/site/browser.ts';
import { readBackPdf } from '../../../src/engines/pdf/read-back.ts';

const PARAGRAPH =
  'We talked with eighteen mothers who had mild to moderate mental health problems around the time of their baby being born, and with twelve professionals, about the help they got and what should change in perinatal services in Lambeth.';

const chromium = suite('read-back against a Chromium-made PDF');
chromium(
  'words glued at line ends, untagged page numbers, text below the size and fonts nobody chose are all caught',
  async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent(
        `<!doctype html><html lang="en-GB"><head><title>Test</title></head><body style="font: 18pt sans-serif; width: 12cm"><h1>Test</h1><p>${PARAGRAPH}</p></body></html>`,
      );
      const pdf = await page.pdf({
        format: 'A4',
        tagged: true,
        outline: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="font-size: 18pt; width: 100%; text-align: center">Page <span class="pageNumber"></span></div>',
      });
      const result = await readBackPdf(pdf, {
        title: 'Test',
        lang: 'en-GB',
        headings: [{ level: 1, text: 'Test' }],
        minFontPt: 20,
      });
      const problems = result.problems.join('\n');
      assert.match(problems, /page 1: text "We talked with eighteen mothers.*" is 18\.0 pt, below 20 pt/);
      assert.match(
        problems,
        /page 1: \d+ words? in the tags (is|are) not on the page, so a screen reader reads words run together/,
      );
      assert.match(problems, /font [A-Z]{6}\+\S+ is not one of the print fonts/);
      assert.match(problems, /page 1: \d+ text runs? (is|are) neither tagged nor marked as an artifact \("Page 1"\)/);
    } finally {
      await browser.close();
    }
  },
);
chromium(
  "text that runs over a table cell's edge into the next column is caught; text inside its cells is not",
  async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const table = (first: string): string =>
        `<table style="table-layout: fixed; width: 12cm; border-collapse: collapse"><tr><th style="width: 3cm; text-align: left">Service</th><th style="text-align: left">Where</th></tr><tr><td style="white-space: nowrap">${first}</td><td>Daily</td></tr></table>`;
      const readBack = async (html: string): Promise<string> => {
        await page.setContent(
          `<!doctype html><html lang="en-GB"><head><title>Test</title></head><body style="font: 18pt sans-serif"><h1>Test</h1>${html}</body></html>`,
        );
        const pdf = await page.pdf({ format: 'A4', tagged: true });
        const result = await readBackPdf(pdf, {
          title: 'Test',
          lang: 'en-GB',
          headings: [{ level: 1, text: 'Test' }],
          minFontPt: 12,
        });
        return result.problems.join('\n');
      };
      assert.match(
        await readBack(table('perinatalmentalhealthservicesdirectory')),
        /page 1: text in a table cell runs over the cell's edge into the next column \("perinatalmentalhealthservicesdirectory"\)/,
      );
      assert.not.match(await readBack(table('Health')), /table cell runs over/);
    } finally {
      await browser.close();
    }
  },
);
chromium.run();
