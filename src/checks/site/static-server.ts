/**
 * Serves a built site on loopback for the checks (pa11y, reflow), as a static host would: folders serve index.html,
 * unknown paths get 404.html with status 404. Nothing outside the site folder can be read.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.avif': 'image/avif', '.gif': 'image/gif',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.pdf': 'application/pdf', '.mp3': 'audio/mpeg', '.txt': 'text/plain; charset=utf-8',
};

export async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = path.join(root, path.normalize(decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) return (await stat(path.join(file, 'index.html')).catch(() => undefined)) ? path.join(file, 'index.html') : undefined;
  return info?.isFile() ? file : undefined;
}

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(siteDir: string): Promise<RunningServer> {
  const root = path.resolve(siteDir);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    void (async () => {
      const file = await resolveFile(root, url.pathname);
      const target = file ?? path.join(root, '404.html');
      const body = await readFile(target).catch(() => Buffer.from('Not found'));
      response.writeHead(file ? 200 : 404, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream', 'content-length': body.length });
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
