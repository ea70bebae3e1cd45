/**
 * Serves a built site on loopback for the checks (pa11y, reflow), as a static host would: folders serve index.html,
 * unknown paths get 404.html with status 404, and byte ranges are honoured (a browser seeks in an MP3 by asking for
 * a range). Nothing outside the site folder can be read.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.txt': 'text/plain; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.ssml': 'application/ssml+xml',
  '.brf': 'text/plain; charset=us-ascii',
  '.epub': 'application/epub+zip',
};

/** "bytes=100-199" (or "bytes=100-", "bytes=-50") → the inclusive byte range in a file of `size` bytes, if valid. */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'invalid' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!match || (!match[1] && !match[2])) return header ? 'invalid' : undefined;
  const start = match[1] ? Number(match[1]) : Math.max(0, size - Number(match[2]));
  const end = match[1] && match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  return start <= end && start < size ? { start, end } : 'invalid';
}

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
  if (info?.isDirectory())
    return (await stat(path.join(file, 'index.html')).catch(() => undefined))
      ? path.join(file, 'index.html')
      : undefined;
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
      const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
      const range = file ? byteRange(request.headers.range, body.length) : undefined;
      if (range === 'invalid') {
        response.writeHead(416, { 'content-range': `bytes */${body.length}` });
        response.end();
      } else if (range) {
        response.writeHead(206, {
          'content-type': type,
          'content-length': range.end - range.start + 1,
          'content-range': `bytes ${range.start}-${range.end}/${body.length}`,
          'accept-ranges': 'bytes',
        });
        response.end(body.subarray(range.start, range.end + 1));
      } else {
        response.writeHead(file ? 200 : 404, {
          'content-type': type,
          'content-length': body.length,
          'accept-ranges': 'bytes',
        });
        response.end(body);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
