/**
 * Prints one print-HTML document to PDF with Chromium: A4, tagged, with bookmarks, page numbers in the footer.
 * The page is opened and closed here; the browser belongs to the caller.
 */
import type { Browser } from 'puppeteer';
import { pageNumberFooter } from './print-css.ts';

export interface PdfOptions {
  fontSizePt: number;
  fontCss: string;
}

export async function printPdf(browser: Browser, html: string, options: PdfOptions): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluateHandle('document.fonts.ready');
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: pageNumberFooter(options.fontSizePt, options.fontCss),
      timeout: 120_000,
    });
  } finally {
    await page.close();
  }
}
