/**
 * A built site served without the forms server is protected as it is with it: docs/deploy/nginx-static.conf, run by
 * Debian's nginx over TLS as the proxy test runs nginx.conf, sends the server's security headers on pages and the
 * picture sandbox on pictures; the forms server sandboxes pictures too; _headers says the same to static hosts.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { request } from 'node:https';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startNginx, type Nginx } from '../../src/bench/nginx.ts';
import { PICTURE_CSP, SECURITY_HEADERS } from '../../src/formats/site/security-headers.ts';
import { openDatabase } from '../../src/server/database.ts';
import { createServer } from '../../src/server/app.ts';
import { buildBasicSite } from '../server/forms-fixture.ts';
import { tempDir } from '../helpers.ts';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

function get(
  port: number,
  pathname: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    request(
      { host: '127.0.0.1', port, path: pathname, rejectUnauthorized: false, headers: { host: 'localhost' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    )
      .on('error', reject)
      .end();
  });
}

const headers = suite('headers for static hosts');
headers("nginx-static.conf: pages get the server's headers, pictures the sandbox; _headers is not served", async () => {
  const tmp = await tempDir();
  let nginx: Nginx | undefined;
  try {
    // nginx's workers run as another user (nobody), as in a deployment: the site must be readable to them.
    await chmod(tmp.dir, 0o755);
    const site = path.join(tmp.dir, 'site');
    await buildBasicSite(site);
    await writeFile(path.join(site, 'img', 'drawing.svg'), SVG);
    nginx = await startNginx(0, tmp.dir, { config: 'nginx-static.conf', root: site });
    const page = await get(nginx.tlsPort, '/reports/first-report/');
    assert.is(page.status, 200);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.is(page.headers[name], value, name);
    assert.is(page.headers['strict-transport-security'], 'max-age=31536000');
    const picture = await get(nginx.tlsPort, '/img/drawing.svg');
    assert.is(picture.status, 200);
    assert.is(picture.headers['content-type'], 'image/svg+xml');
    assert.is(picture.headers['content-security-policy'], PICTURE_CSP);
    assert.is(picture.headers['x-content-type-options'], 'nosniff');
    assert.is((await get(nginx.tlsPort, '/_headers')).status, 404);
    const missing = await get(nginx.tlsPort, '/no-such-page/');
    assert.is(missing.status, 404);
    assert.match(missing.body, '<html');
    assert.is(missing.headers['content-security-policy'], SECURITY_HEADERS['content-security-policy']);

    // The forms server sandboxes the same picture.
    const db = openDatabase(path.join(tmp.dir, 'data'));
    const chrome = await buildBasicSite(path.join(tmp.dir, 'site2'));
    await writeFile(path.join(tmp.dir, 'site2', 'img', 'drawing.svg'), SVG);
    const app = await createServer({ siteDir: path.join(tmp.dir, 'site2'), db, ...chrome });
    try {
      const served = await app.inject({ url: '/img/drawing.svg' });
      assert.is(served.headers['content-security-policy'], PICTURE_CSP);
      const html = await app.inject({ url: '/' });
      assert.is(html.headers['content-security-policy'], SECURITY_HEADERS['content-security-policy']);
    } finally {
      await app.close();
      db.close();
    }
  } finally {
    await nginx?.stop();
    await tmp.remove();
  }
});
headers.run();
