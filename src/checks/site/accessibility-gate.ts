/**
 * The accessibility gate over a built site: every page is tested by pa11y with both runners (axe and HTML_CodeSniffer,
 * WCAG2AA, plus axe's WCAG 2.2 rules) in light and dark colour schemes, and checked for reflow at 320 CSS px, for text
 * cut off under WCAG text spacing, and for requests leaving the site.
 * One browser for the whole run; each page is loaded once per scheme and handed to pa11y (TOOLCHAIN.md: ≈1 s a page).
 */
import pa11y, { type Pa11yIssue } from 'pa11y';
import type { Browser, Page } from 'puppeteer';
import { serveStatic } from './static-server.ts';
import { launchBrowser } from './browser.ts';
import { pagesToCheck } from './site-pages.ts';

export interface PageReport {
  path: string;
  errors: Array<Pa11yIssue & { scheme: string }>;
  warnings: number;
  /** How far the page scrolls sideways at 320 px (0 is right). */
  overflowAt320: number;
  /** Requests to anything but this site. */
  externalRequests: string[];
  /** Elements that cut off their text once the WCAG 1.4.12 text-spacing overrides are applied. */
  clippedWithTextSpacing: string[];
}

export const GATE_DEFAULTS = {
  /** WCAG 2.2 AA success criteria are covered by the runners' WCAG2AA standards. */
  standard: 'WCAG2AA' as const,
  runners: ['axe', 'htmlcs'],
  /**
   * pa11y asks axe for its WCAG 2.0/2.1 tags only (and passes extra rules to HTML_CodeSniffer too, which refuses them),
   * so WCAG 2.2 AA rules (axe's wcag22aa tag: target size, 2.5.8) are run with the axe pa11y has put in the page.
   */
  wcag22Tags: ['wcag22aa'],
  /** The reflow criterion (WCAG 1.4.10) uses 320 CSS px. */
  reflowWidth: 320,
  schemes: ['light', 'dark'] as const,
};

export function pagePassed(report: PageReport): boolean {
  return (
    report.errors.length === 0 &&
    report.overflowAt320 === 0 &&
    report.externalRequests.length === 0 &&
    report.clippedWithTextSpacing.length === 0
  );
}

/**
 * WCAG 1.4.12 text spacing: with line height 1.5, paragraph spacing 2em, letter spacing 0.12em and word spacing 0.16em
 * forced on everything, no element that hides its overflow may cut off text (at the reflow width, the hardest case).
 */
async function clippedByTextSpacing(page: Page): Promise<string[]> {
  await page.addStyleTag({
    content:
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
  });
  // No named functions inside evaluate(): tsx adds a __name helper to them that does not exist in the page.
  return page.evaluate(() => {
    const clipped: string[] = [];
    const hiding = ['hidden', 'clip'];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.closest('.visually-hidden') || !element.textContent?.trim()) continue;
      const style = getComputedStyle(element);
      const cut =
        (hiding.includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1) ||
        (hiding.includes(style.overflowY) && element.scrollHeight > element.clientHeight + 1);
      if (cut)
        clipped.push(
          `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`,
        );
    }
    return clipped;
  });
}

/** Runs axe's WCAG 2.2 rules in a page where pa11y has already injected axe. */
async function wcag22Issues(page: Page): Promise<Pa11yIssue[]> {
  return page.evaluate(async (tags: string[]) => {
    interface AxeNode {
      target: string[];
      html: string;
    }
    interface AxeResult {
      id: string;
      help: string;
      helpUrl: string;
      nodes: AxeNode[];
    }
    const axe = (
      window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: AxeResult[] }> } }
    ).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.flatMap((v) =>
      v.nodes.map((node) => ({
        code: v.id,
        type: 'error' as const,
        typeCode: 1,
        message: `${v.help} (${v.helpUrl})`,
        context: node.html,
        selector: node.target.join(' '),
        runner: 'axe',
      })),
    );
  }, GATE_DEFAULTS.wcag22Tags);
}

/**
 * pa11y (both runners) and axe's WCAG 2.2 rules on the page as it is now, without loading it again: also for states
 * reached by interaction, like a form shown again with its errors after a POST.
 */
export async function auditLoadedPage(page: Page): Promise<Pa11yIssue[]> {
  const result = await pa11y(page.url(), {
    browser: page.browser(),
    page,
    ignoreUrl: true,
    runners: GATE_DEFAULTS.runners,
    standard: GATE_DEFAULTS.standard,
    includeWarnings: true,
  });
  return [...result.issues, ...(await wcag22Issues(page))];
}

/**
 * One page through the whole gate: pa11y in both schemes, reflow at 320 px, text spacing, requests leaving the site.
 * Also for pages the static gate cannot reach, such as the staff desk's (signed in, in the browser `page` belongs to).
 */
export async function checkPage(page: Page, origin: string, pathname: string): Promise<PageReport> {
  const external = new Set<string>();
  const onRequest = (request: { url(): string }): void => {
    const url = request.url();
    if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) external.add(url);
  };
  page.on('request', onRequest);
  const url = origin + pathname;
  const errors: PageReport['errors'] = [];
  let warnings = 0;
  try {
    for (const scheme of GATE_DEFAULTS.schemes) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.setViewport({ width: 1280, height: 1024 });
      await page.goto(url, { waitUntil: 'load' });
      for (const issue of await auditLoadedPage(page)) {
        if (issue.type === 'error') errors.push({ ...issue, scheme });
        else if (issue.type === 'warning' && scheme === 'light') warnings++;
      }
    }
    await page.setViewport({ width: GATE_DEFAULTS.reflowWidth, height: 800 });
    const overflowAt320 = await page.evaluate(() =>
      Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
    );
    const clippedWithTextSpacing = await clippedByTextSpacing(page);
    return { path: pathname, errors, warnings, overflowAt320, externalRequests: [...external], clippedWithTextSpacing };
  } finally {
    page.off('request', onRequest);
  }
}

/** Checks every page of a built site. Uses the browser given, or launches (and closes) its own. */
export async function runAccessibilityGate(
  siteDir: string,
  options: { browser?: Browser } = {},
): Promise<PageReport[]> {
  const paths = await pagesToCheck(siteDir);
  const server = await serveStatic(siteDir);
  const browser = options.browser ?? (await launchBrowser());
  try {
    const page = await browser.newPage();
    const reports: PageReport[] = [];
    for (const pathname of paths) reports.push(await checkPage(page, server.origin, pathname));
    await page.close();
    return reports;
  } finally {
    if (!options.browser) await browser.close();
    await server.close();
  }
}

/** A table a person can read: one row per page, then every error in full. */
export function formatGateReport(reports: readonly PageReport[]): string {
  const rows = reports.map((r) => [
    r.path,
    String(r.errors.length),
    String(r.warnings),
    r.overflowAt320 ? `${r.overflowAt320}px too wide` : 'ok',
    r.clippedWithTextSpacing.length ? `${r.clippedWithTextSpacing.length} cut off` : 'ok',
    String(r.externalRequests.length),
    pagePassed(r) ? 'pass' : 'FAIL',
  ]);
  const header = ['page', 'errors', 'warnings', 'reflow 320px', 'text spacing', 'external requests', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const details = reports.flatMap((r) => [
    ...r.errors.map(
      (e) =>
        `${r.path} (${e.scheme}, ${e.runner}) ${e.code}: ${e.message}\n    at ${e.selector}${e.context ? `\n    ${e.context.slice(0, 200)}` : ''}`,
    ),
    ...r.externalRequests.map((u) => `${r.path}: request leaves the site: ${u}`),
    ...(r.overflowAt320 ? [`${r.path}: at 320px wide the page scrolls sideways by ${r.overflowAt320}px`] : []),
    ...r.clippedWithTextSpacing.map((what) => `${r.path}: with WCAG text spacing, ${what} cuts off its text`),
  ]);
  const passed = reports.filter(pagePassed).length;
  return [
    line(header),
    ...rows.map(line),
    ...(details.length ? ['', ...details] : []),
    '',
    `pa11y: ${passed} pages passed, ${reports.length - passed} failed`,
  ].join('\n');
}
