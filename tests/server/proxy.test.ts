/**
 * The forms server behind Debian's nginx, running the configuration in docs/deploy/nginx.conf (TLS with a certificate
 * made for the test, HSTS, no access log): forms work through it, readers from 11 addresses are limited one by one,
 * and one reader over the limit is refused. Readers come from different loopback addresses (127.0.0.2, .3…), which
 * nginx passes on in X-Forwarded-For.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stat } from 'node:fs/promises';
import { request } from 'node:https';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildSite } from '../../src/build/build-site.ts';
import { openDatabase, type Db } from '../../src/server/database.ts';
import { createServer } from '../../src/server/app.ts';
import { listSubmissions } from '../../src/server/store.ts';
import { freePort, tempDir } from '../helpers.ts';
import { startNginx, type Nginx } from '../../src/bench/nginx.ts';

const context: {
  app?: FastifyInstance;
  db?: Db;
  nginx?: Nginx;
  tlsPort: number;
  dir: string;
  remove: () => Promise<void>;
} = { tlsPort: 0, dir: '', remove: async () => {} };

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTPS request through nginx from the loopback address `from` (a reader). */
function fetchVia(
  from: string,
  pathname: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: context.tlsPort,
        path: pathname,
        method: options.method ?? 'GET',
        localAddress: from,
        rejectUnauthorized: false,
        headers: {
          host: `localhost:${context.tlsPort}`,
          ...(options.body
            ? {
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': String(Buffer.byteLength(options.body)),
              }
            : {}),
          ...options.headers,
        },
      },
      (response) => {
        let body = '';
        response
          .setEncoding('utf8')
          .on('data', (chunk: string) => (body += chunk))
          .on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function sendFeedback(from: string, message: string): Promise<Reply> {
  const form = await fetchVia(from, '/feedback/');
  const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
  const body = new URLSearchParams({ token, message, mayContact: 'no' }).toString();
  return fetchVia(from, '/feedback/', {
    method: 'POST',
    body,
    headers: { origin: `https://localhost:${context.tlsPort}` },
  });
}

const proxy = suite('forms server behind nginx');
proxy.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  context.dir = tmp.dir;
  const built = await buildSite({
    contentDir: path.resolve('tests/fixtures/basic-site'),
    outputDir: path.join(tmp.dir, 'site'),
    log: () => {},
    formats: [],
  });
  context.db = openDatabase(path.join(tmp.dir, 'data'));
  const appPort = await freePort();
  // nginx first, so its port (the site's public address here) is known when the server is made.
  context.nginx = await startNginx(appPort, tmp.dir);
  context.tlsPort = context.nginx.tlsPort;
  context.app = await createServer({
    siteDir: path.join(tmp.dir, 'site'),
    db: context.db,
    organisation: built.site.organisation,
    settings: { ...built.site.settings, url: `https://localhost:${context.tlsPort}/` },
    trustProxy: '127.0.0.1',
    port: appPort,
    rateLimit: { limit: 10, windowMs: 600_000 },
  });
  await context.app.listen({ port: appPort, host: '127.0.0.1' });
});
proxy.after(async () => {
  await context.nginx?.stop();
  await context.app?.close();
  context.db?.close();
  await context.remove();
});

proxy('a form sent through nginx over TLS is stored and confirmed; HSTS on; no access log written', async () => {
  const reply = await sendFeedback('127.0.0.1', 'Sent through the proxy.');
  assert.is(reply.status, 303, reply.body.slice(0, 300));
  const confirmation = await fetchVia('127.0.0.1', String(reply.headers.location));
  assert.match(confirmation.body, /<strong class="reference">FB-/);
  assert.match(String(confirmation.headers['strict-transport-security']), 'max-age=31536000');
  assert.ok(
    listSubmissions(context.db!, 'feedback').some((f) => 'message' in f && f.message === 'Sent through the proxy.'),
  );
  assert.not.ok(
    await stat(path.join(context.nginx!.dir, 'logs', 'access.log')).then(
      () => true,
      () => false,
    ),
    'no access log',
  );
});

proxy('11 readers at different addresses are not limited together; one reader over the limit is', async () => {
  for (let n = 2; n <= 12; n++) {
    const reply = await sendFeedback(`127.0.0.${n}`, `Reader ${n}.`);
    assert.is(reply.status, 303, `reader 127.0.0.${n}: ${reply.status}`);
  }
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await sendFeedback('127.0.0.99', `Again ${i}.`)).status);
  assert.equal(statuses, [...Array<number>(10).fill(303), 429]);
  // Someone else is not affected.
  assert.is((await sendFeedback('127.0.0.100', 'Someone new.')).status, 303);
});
proxy.run();
