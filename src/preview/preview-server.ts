/**
 * The live preview: builds the content (drafts included), serves it on loopback, and updates it when a file in the
 * content folder changes. A content problem never stops the server: every page shows the list of problems (file, line,
 * fix) until the editor saves a fix.
 *
 * Saving one report updates its web page first (a quick page: that report parsed and checked again, its page rendered
 * alone, in this process, in well under a second), then a full build in a child process brings the PDFs, audio and the
 * other pages up to date, reusing everything cached for the reports that did not change. Meanwhile every page says
 * "PDF and audio updating…". Any other change (site data, several reports at once) goes straight to a full build.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildSite } from '../build/build-site.ts';
import type { OptionalFormat } from '../build/build-context.ts';
import { findContentProblems, formatProblem, type Problem } from '../report/problems.ts';
import { resolveFile, TYPES } from '../checks/site/static-server.ts';
import { watchFolder } from './watch-folder.ts';
import { escapeHtml } from '../build/escape.ts';
import type { PublishedEdition } from '../formats/manifest.ts';
import type { FullBuildOptions } from './full-build.ts';
import { runFullBuild } from './run-full-build.ts';

export interface PreviewOptions {
  contentDir: string;
  outputDir: string;
  port: number;
  formats?: readonly OptionalFormat[];
  cacheDir?: string;
  log: (line: string) => void;
}

export interface Preview {
  url: string;
  /** Resolves after the next update finishes, quick page or full build (for tests). */
  nextBuild(): Promise<void>;
  /** Resolves when nothing is being built or waiting to be (for tests and the benchmark). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const RELOAD_SCRIPT = `new EventSource('/__preview/events').onmessage = () => location.reload();\n`;
const escape = escapeHtml;
/** Shown at the top of every page while the full build that follows a quick page runs. */
const UPDATING_STATUS =
  '<p class="preview-status" role="status" style="margin:0;padding:0.5rem 1rem;background:#fff4c2;color:#0b0c0c;border-bottom:2px solid #0b0c0c;font-weight:700">Preview: this page is up to date. PDF and audio updating…</p>';

export function problemsPage(problems: readonly Problem[], crash?: string): string {
  const items = problems.map(
    (p) =>
      `<li><code>${escape(p.line ? `${p.file}:${p.line}` : p.file)}</code><br>${escape(p.message)} — ${escape(p.fix)}${p.help ? ` (see docs/editors-guide.md#${escape(p.help)})` : ''}</li>`,
  );
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: problems to fix</title><link rel="stylesheet" href="/assets/site.css"><script src="/__preview/reload.js" defer></script></head>
<body><main id="main-content" class="wrap"><h1>The preview cannot be shown yet</h1>
${crash ? `<p>The build stopped with an error in the publishing tool (not in your content): <code>${escape(crash)}</code></p>` : `<p>${problems.length === 1 ? 'There is 1 problem' : `There are ${problems.length} problems`} to fix. This page reloads when you save a file.</p><ol>${items.join('')}</ol>`}
</main></body></html>`;
}

/** The report whose folder holds every changed file, if there is one such report. */
export function singleReportOf(contentDir: string, files: readonly string[]): string | undefined {
  const slugs = new Set(
    files.map((file) => {
      const [top, slug, ...rest] = path.relative(contentDir, file).split(path.sep);
      return top === 'reports' && slug && rest.length > 0 ? slug : undefined;
    }),
  );
  const [slug] = slugs;
  return slugs.size === 1 ? slug : undefined;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const clients = new Set<ServerResponse>();
  let problems: Problem[] = [];
  let crash: string | undefined;
  /** Editions of every report from the last full build that succeeded: a quick page lists them. */
  let editions: Map<string, PublishedEdition[]> | undefined;
  let waiting: Array<() => void> = [];
  let idleWaiting: Array<() => void> = [];
  /** One thing at a time in this process (quick pages); one full build at a time in a child. */
  let quickChain: Promise<void> = Promise.resolve();
  let fullRunning: Promise<void> | undefined;
  let fullAgain = false;
  let child: ChildProcess | undefined;
  let closing = false;
  /** Reports given a quick page while a full build ran: its output replaces the folder, so they are made again after. */
  const editedDuringFull = new Set<string>();
  const cacheDir = options.cacheDir;

  const settle = (): void => {
    for (const client of clients) client.write('data: reload\n\n');
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };
  const checkIdle = (): void => {
    if (fullRunning || fullAgain) return;
    void quickChain.then(() => {
      if (fullRunning || fullAgain) return;
      const done = idleWaiting;
      idleWaiting = [];
      for (const resolve of done) resolve();
    });
  };
  const showFailure = (err: unknown): void => {
    const found = findContentProblems(err);
    problems = found ? found.problems.filter((p) => p.severity === 'error') : [];
    crash = found ? undefined : err instanceof Error ? err.message : String(err);
    options.log(found ? found.message : `The build crashed: ${crash}`);
  };

  const fullBuild = async (): Promise<void> => {
    const started = performance.now();
    const buildOptions: FullBuildOptions = {
      contentDir: options.contentDir,
      outputDir: options.outputDir,
      includeDrafts: true,
      ...(options.formats ? { formats: options.formats } : {}),
      ...(cacheDir ? { cacheDir } : {}),
    };
    editedDuringFull.clear();
    const outcome = await runFullBuild(buildOptions, options.log, (c) => (child = c));
    child = undefined;
    if (closing) return;
    if (outcome.ok) {
      problems = [];
      crash = undefined;
      editions = new Map(outcome.editions);
      for (const warning of outcome.warnings) options.log(`  ${formatProblem(warning)}`);
      options.log(`Preview rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      // Pages saved while this build ran were replaced by its output, made from the files as they were when it began.
      for (const slug of editedDuringFull) await quickPage(slug, false);
    } else if ('crash' in outcome) {
      problems = [];
      crash = outcome.crash;
      options.log(`The build crashed: ${crash}`);
    } else {
      problems = outcome.problems;
      crash = undefined;
      options.log(outcome.message);
    }
    settle();
  };
  const requestFullBuild = (): void => {
    if (closing) return;
    if (fullRunning) {
      fullAgain = true;
      return;
    }
    fullRunning = fullBuild().finally(() => {
      fullRunning = undefined;
      if (fullAgain) {
        fullAgain = false;
        requestFullBuild();
      } else checkIdle();
    });
  };

  /** The quick page for one report; true when it was made (no problems). */
  const quickPage = async (slug: string, announce = true): Promise<boolean> => {
    const started = performance.now();
    try {
      await buildSite({
        contentDir: options.contentDir,
        outputDir: options.outputDir,
        includeDrafts: true,
        log: options.log,
        ...(cacheDir ? { cacheDir } : {}),
        onlyReport: { slug, editions: editions?.get(slug) ?? [] },
      });
      problems = [];
      crash = undefined;
      if (fullRunning) editedDuringFull.add(slug);
      if (announce)
        options.log(
          `Page updated in ${((performance.now() - started) / 1000).toFixed(2)} s: reports/${slug}/. PDF and audio updating…`,
        );
      return true;
    } catch (err) {
      showFailure(err);
      return false;
    }
  };

  const onChange = (files: string[]): void => {
    const slug = singleReportOf(options.contentDir, files);
    // A quick page needs the other pages and editions of a full build that worked, and a report that was in it.
    if (!slug || !editions?.has(slug) || crash) {
      requestFullBuild();
      return;
    }
    quickChain = quickChain.then(async () => {
      const made = await quickPage(slug);
      if (made) {
        requestFullBuild();
        settle();
      } else {
        settle();
        checkIdle();
      }
    });
  };

  requestFullBuild();
  await fullRunning;
  // Loads the quick page's modules (Eleventy, the renderer) now, so the first save is as quick as the next: about 1 s
  // of loading otherwise. It writes a page the full build has just written, the same.
  const first = editions?.keys().next().value;
  if (first) quickChain = quickChain.then(async () => void (await quickPage(first, false)));
  const watcher = await watchFolder(options.contentDir, onChange);

  const root = path.resolve(options.outputDir);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/__preview/events') {
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (url.pathname === '/__preview/reload.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      response.end(RELOAD_SCRIPT);
      return;
    }
    void (async () => {
      const file = await resolveFile(root, url.pathname);
      const isPage = !file || file.endsWith('.html');
      if ((problems.length || crash) && isPage && !url.pathname.startsWith('/assets/')) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end(problemsPage(problems, crash));
        return;
      }
      const target = file ?? path.join(root, '404.html');
      let body: Buffer = await readFile(target).catch(() => Buffer.from('Not found'));
      if (target.endsWith('.html')) {
        let html = body
          .toString('utf8')
          .replace('</head>', '<script src="/__preview/reload.js" defer></script></head>');
        if (fullRunning) html = html.replace(/<body[^>]*>/, (open) => `${open}${UPDATING_STATUS}`);
        body = Buffer.from(html);
      }
      response.writeHead(file ? 200 : 404, {
        'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    nextBuild: () => new Promise((resolve) => waiting.push(resolve)),
    idle: () =>
      new Promise((resolve) => {
        idleWaiting.push(resolve);
        checkIdle();
      }),
    close: async () => {
      closing = true;
      watcher.close();
      for (const client of clients) client.end();
      child?.kill('SIGTERM');
      await quickChain;
      await fullRunning;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
