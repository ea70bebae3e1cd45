/**
 * A bounded load test of the form server on loopback, as deployed: behind Debian's nginx over TLS with the documented
 * configuration (see nginx.ts), or straight to the server with `direct`. `total` feedback submissions, `connections` at
 * a time, through autocannon; then the database must hold exactly the submissions the server confirmed (303). Prints
 * requests per second and latency percentiles.
 */
import autocannon from 'autocannon';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { buildSite } from '../build/build-site.ts';
import { openDatabase } from '../server/database.ts';
import { createServer } from '../server/app.ts';
import { listSubmissions } from '../server/store.ts';
import { startNginx } from './nginx.ts';

export interface LoadResult {
  total: number;
  connections: number;
  via: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  accepted: number;
  stored: number;
  otherStatuses: Record<string, number>;
}

export async function runServerLoad(total: number, connections: number, direct = false): Promise<LoadResult> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'server-bench-'));
  const db = openDatabase(path.join(root, 'data'));
  try {
    const built = await buildSite({
      contentDir: path.resolve('tests/fixtures/basic-site'),
      outputDir: path.join(root, 'site'),
      log: () => {},
      formats: [],
    });
    // The per-address limit would (rightly) stop one client sending thousands of forms: lift it for the measurement.
    const app = await createServer({
      siteDir: path.join(root, 'site'),
      db,
      organisation: built.site.organisation,
      settings: built.site.settings,
      rateLimit: { limit: Number.MAX_SAFE_INTEGER, windowMs: 1000 },
      trustProxy: '127.0.0.1',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const appOrigin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const nginx = direct ? undefined : await startNginx((app.server.address() as AddressInfo).port, root);
    const origin = nginx ? `https://127.0.0.1:${nginx.tlsPort}` : appOrigin;
    const token = /name="token" value="([^"]+)"/.exec(await (await fetch(`${appOrigin}/feedback/`)).text())![1]!;
    const statuses: Record<string, number> = {};
    let sent = 0;
    const result = await autocannon({
      url: `${origin}/feedback/`,
      connections,
      amount: total,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          setupRequest: (request) => ({
            ...request,
            body: new URLSearchParams({
              token,
              message: `Load test feedback number ${++sent}`,
              mayContact: 'no',
            }).toString(),
          }),
        },
      ],
    });
    for (const [code, count] of Object.entries(result.statusCodeStats ?? {}))
      statuses[code] = (count as { count: number }).count;
    await nginx?.stop();
    await app.close();
    const stored = listSubmissions(db, 'feedback', { includeDone: true }).length;
    const accepted = statuses['303'] ?? 0;
    const { 303: _ok, ...otherStatuses } = statuses;
    return {
      total,
      connections,
      via: nginx ? 'through nginx over TLS' : 'straight to the server',
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      accepted,
      stored,
      otherStatuses,
    };
  } finally {
    db.close();
    await rm(root, { recursive: true, force: true });
  }
}
