/**
 * The live preview: builds the content (drafts included), serves it on loopback, rebuilds when a file in the content
 * folder changes, and reloads the browser. A content problem never stops the server: every page shows the list of
 * problems (file, line, fix) until the editor saves a fix. Only what changed is regenerated: PDFs and audio come from
 * their caches unless their report changed.
 */
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
  /** Resolves after the next rebuild finishes (for tests). */
  nextBuild(): Promise<void>;
  close(): Promise<void>;
}

const RELOAD_SCRIPT = `new EventSource('/__preview/events').onmessage = () => location.reload();\n`;
const escape = escapeHtml;

export function problemsPage(problems: readonly Problem[], crash?: string): string {
  const items = problems.map((p) => `<li><code>${escape(p.line ? `${p.file}:${p.line}` : p.file)}</code><br>${escape(p.message)} — ${escape(p.fix)}${p.help ? ` (see docs/editors-guide.md#${escape(p.help)})` : ''}</li>`);
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: problems to fix</title><link rel="stylesheet" href="/assets/site.css"><script src="/__preview/reload.js" defer></script></head>
<body><main id="main-content" class="wrap"><h1>The preview cannot be shown yet</h1>
${crash ? `<p>The build stopped with an error in the publishing tool (not in your content): <code>${escape(crash)}</code></p>` : `<p>${problems.length === 1 ? 'There is 1 problem' : `There are ${problems.length} problems`} to fix. This page reloads when you save a file.</p><ol>${items.join('')}</ol>`}
</main></body></html>`;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const clients = new Set<ServerResponse>();
  let problems: Problem[] = [];
  let crash: string | undefined;
  let building: Promise<void> | undefined;
  let again = false;
  let waiting: Array<() => void> = [];

  const build = async (): Promise<void> => {
    const started = performance.now();
    try {
      const result = await buildSite({ contentDir: options.contentDir, outputDir: options.outputDir, includeDrafts: true, log: options.log, ...(options.formats ? { formats: options.formats } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });
      problems = [];
      crash = undefined;
      for (const warning of result.site.warnings.filter((p) => p.severity !== 'error')) options.log(`  ${formatProblem(warning)}`);
      options.log(`Preview rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    } catch (err) {
      const found = findContentProblems(err);
      problems = found ? found.problems.filter((p) => p.severity === 'error') : [];
      crash = found ? undefined : err instanceof Error ? err.message : String(err);
      options.log(found ? found.message : `The build crashed: ${crash}`);
    }
    for (const client of clients) client.write('data: reload\n\n');
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };
  const rebuild = (): void => {
    if (building) {
      again = true;
      return;
    }
    building = build().finally(() => {
      building = undefined;
      if (again) {
        again = false;
        rebuild();
      }
    });
  };

  await build();
  const watcher = watchFolder(options.contentDir, rebuild);

  const root = path.resolve(options.outputDir);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/__preview/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
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
      if (target.endsWith('.html')) body = Buffer.from(body.toString('utf8').replace('</head>', '<script src="/__preview/reload.js" defer></script></head>'));
      response.writeHead(file ? 200 : 404, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    nextBuild: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      watcher.close();
      for (const client of clients) client.end();
      await building;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
