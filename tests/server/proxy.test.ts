/**
 * The forms server behind Debian's nginx, running the configuration in docs/deploy/nginx.conf (TLS with a certificate
 * made for the test, HSTS, no access log): forms work through it, readers from 11 addresses are limited one by one,
 * and one reader over the limit is refused. Readers come from different loopback addresses (127.0.0.2, .3…), which
 * nginx passes on in X-Forwarded-For.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildSite } from '../../src/build/build-site.ts';
import { openDatabase, type Db } from '../../src/server/database.ts';
import { createServer } from '../../src/server/app.ts';
import { listSubmissions } from '../../src/server/store.ts';
import { freePort, tempDir } from '../helpers.ts';

const run = promisify(execFile);
const NGINX = '/usr/sbin/nginx';
const context: { app?: FastifyInstance; db?: Db; nginx?: ChildProcess; tlsPort: number; dir: string; remove: () => Promise<void> } = { tlsPort: 0, dir: '', remove: async () => {} };

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** An HTTPS request through nginx from the loopback address `from` (a reader). */
function fetchVia(from: string, pathname: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: context.tlsPort, path: pathname, method: options.method ?? 'GET', localAddress: from, rejectUnauthorized: false,
      headers: { host: `localhost:${context.tlsPort}`, ...(options.body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(options.body)) } : {}), ...options.headers },
    }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function sendFeedback(from: string, message: string): Promise<Reply> {
  const form = await fetchVia(from, '/feedback/');
  const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
  const body = new URLSearchParams({ token, message, mayContact: 'no' }).toString();
  return fetchVia(from, '/feedback/', { method: 'POST', body, headers: { origin: `https://localhost:${context.tlsPort}` } });
}

const proxy = suite('forms server behind nginx');
proxy.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  context.dir = tmp.dir;
  const built = await buildSite({ contentDir: path.resolve('tests/fixtures/basic-site'), outputDir: path.join(tmp.dir, 'site'), log: () => {}, formats: [] });
  context.db = openDatabase(path.join(tmp.dir, 'data'));
  const [appPort, httpPort, tlsPort] = [await freePort(), await freePort(), await freePort()];
  context.tlsPort = tlsPort;
  context.app = await createServer({
    siteDir: path.join(tmp.dir, 'site'), db: context.db, organisation: built.site.organisation,
    settings: { ...built.site.settings, url: `https://localhost:${tlsPort}/` },
    trustProxy: '127.0.0.1', port: appPort, rateLimit: { limit: 10, windowMs: 600_000 },
  });
  await context.app.listen({ port: appPort, host: '127.0.0.1' });

  const cert = path.join(tmp.dir, 'cert.pem');
  const key = path.join(tmp.dir, 'key.pem');
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', cert]);
  // The documented configuration, pointed at this test's ports, certificate and server; listening on loopback only.
  const site = (await readFile(path.resolve('docs/deploy/nginx.conf'), 'utf8'))
    .replaceAll('reports.example.org', 'localhost')
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('listen 443 ssl;', `listen 127.0.0.1:${tlsPort} ssl;`)
    .replace(/ssl_certificate +\S+;/, `ssl_certificate ${cert};`)
    .replace(/ssl_certificate_key +\S+;/, `ssl_certificate_key ${key};`)
    .replace('http://127.0.0.1:8080', `http://127.0.0.1:${appPort}`);
  const temp = path.join(tmp.dir, 'nginx');
  await mkdir(temp, { recursive: true });
  await writeFile(path.join(tmp.dir, 'site.conf'), site);
  await writeFile(path.join(tmp.dir, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${temp}/nginx.pid;
error_log ${temp}/error.log;
events { worker_connections 64; }
http {
  client_body_temp_path ${temp}/body; proxy_temp_path ${temp}/proxy; fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi; scgi_temp_path ${temp}/scgi;
  include ${tmp.dir}/site.conf;
}
`);
  context.nginx = spawn(NGINX, ['-p', temp, '-c', path.join(tmp.dir, 'nginx.conf'), '-e', path.join(temp, 'error.log')], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await fetchVia('127.0.0.1', '/').then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not start: ${await readFile(path.join(temp, 'error.log'), 'utf8').catch(() => '')}`);
});
proxy.after(async () => {
  context.nginx?.kill('SIGQUIT');
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
  assert.ok(listSubmissions(context.db!, 'feedback').some((f) => 'message' in f && f.message === 'Sent through the proxy.'));
  assert.not.ok(await stat(path.join(context.dir, 'nginx', 'logs', 'access.log')).then(() => true, () => false), 'no access log');
});

proxy('11 readers at different addresses are not limited together; one reader over the limit is', async () => {
  for (let n = 2; n <= 12; n++) {
    const reply = await sendFeedback(`127.0.0.${n}`, `Reader ${n}.`);
    assert.is(reply.status, 303, `reader 127.0.0.${n}: ${reply.status}`);
  }
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await sendFeedback('127.0.0.99', `Again ${i}.`)).status);
  assert.equal(statuses, [...Array(10).fill(303), 429]);
  // Someone else is not affected.
  assert.is((await sendFeedback('127.0.0.100', 'Someone new.')).status, 303);
});
proxy.run();
