/**
 * Debian's nginx in front of a forms server on loopback, running the documented configuration (docs/deploy/nginx.conf)
 * with a certificate made on the spot: for the proxy test and for `npm run bench:server`. Only its ports, certificate
 * and upstream are changed, so what is tested is what the deployment guide tells people to install.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { freePort } from './free-port.ts';

const run = promisify(execFile);
export const NGINX = '/usr/sbin/nginx';

export interface Nginx {
  /** The HTTPS port readers use (on 127.0.0.1). */
  tlsPort: number;
  /** Where nginx keeps its pid, error log and temporary files. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in `dir` in front of http://127.0.0.1:`appPort`; resolves once it answers. `config` names another
 * file of docs/deploy/ (nginx-static.conf serves a built site from `root`, with no server behind it).
 */
export async function startNginx(
  appPort: number,
  dir: string,
  options: { config?: string; root?: string } = {},
): Promise<Nginx> {
  const [httpPort, tlsPort] = [await freePort(), await freePort()];
  const temp = path.join(dir, 'nginx');
  await mkdir(temp, { recursive: true });
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-days',
    '1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  const site = (await readFile(path.join(PROJECT_ROOT, 'docs', 'deploy', options.config ?? 'nginx.conf'), 'utf8'))
    .replace('root /srv/reports/_site;', `root ${options.root ?? path.join(dir, 'site')};`)
    .replaceAll('reports.example.org', 'localhost')
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('listen 443 ssl;', `listen 127.0.0.1:${tlsPort} ssl;`)
    .replace(/ssl_certificate +\S+;/, `ssl_certificate ${cert};`)
    .replace(/ssl_certificate_key +\S+;/, `ssl_certificate_key ${key};`)
    .replace('http://127.0.0.1:8080', `http://127.0.0.1:${appPort}`);
  await writeFile(path.join(dir, 'site.conf'), site);
  await writeFile(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${temp}/nginx.pid;
error_log ${temp}/error.log;
events { worker_connections 256; }
http {
  client_body_temp_path ${temp}/body; proxy_temp_path ${temp}/proxy; fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi; scgi_temp_path ${temp}/scgi;
  include ${dir}/site.conf;
}
`,
  );
  const child = spawn(NGINX, ['-p', temp, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(temp, 'error.log')], {
    stdio: 'ignore',
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGQUIT');
    await closed;
  };
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createServer().listen(tlsPort, '127.0.0.1');
      socket.once('listening', () => socket.close(() => resolve(false)));
      socket.once('error', () => resolve(true));
    });
    if (up) return { tlsPort, dir: temp, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`nginx did not start: ${await readFile(path.join(temp, 'error.log'), 'utf8').catch(() => '')}`);
}
