/**
 * The forms server as an attacker and an operator find it (issue 12): every failure a page in the site's layout with
 * what was typed kept where it can be, limits counted in characters, tokens that survive restarts, a database that
 * does not lose a confirmed submission, bounded memory, no dotfiles. Real HTTP on loopback, real SQLite.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { openDatabase, SCHEMA_VERSION, type Db } from '../../src/server/database.ts';
import { createServer, type ServerOptions } from '../../src/server/app.ts';
import { FormTokens, loadFormSecret } from '../../src/server/form-token.ts';
import { RateLimit } from '../../src/server/rate-limit.ts';
import { listSubmissions } from '../../src/server/store.ts';
import { tempDir } from '../helpers.ts';
import { buildBasicSite, listenOnLoopback, tokenIn } from './forms-fixture.ts';

const run = promisify(execFile);
const context: {
  app?: FastifyInstance;
  db?: Db;
  origin: string;
  dataDir: string;
  siteDir: string;
  chrome?: Pick<ServerOptions, 'organisation' | 'settings'>;
  remove: () => Promise<void>;
} = { origin: '', dataDir: '', siteDir: '', remove: async () => {} };

async function start(extra: Partial<ServerOptions> = {}): Promise<void> {
  await context.app?.close();
  context.app = await createServer({
    siteDir: context.siteDir,
    db: context.db!,
    ...context.chrome!,
    rateLimit: { limit: 1000, windowMs: 60_000 },
    ...extra,
  });
  context.origin = await listenOnLoopback(context.app);
}

async function token(pathname: string): Promise<string> {
  return tokenIn(await (await fetch(context.origin + pathname)).text());
}

function post(
  pathname: string,
  body: string | URLSearchParams,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(context.origin + pathname, {
    method: 'POST',
    redirect: 'manual',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const feedbackCount = (): number => listSubmissions(context.db!, 'feedback', { includeDone: true }).length;

function assertPage(response: Response, page: string, status: number, says: string): void {
  assert.is(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', 'text/html');
  assert.ok(response.headers.get('content-security-policy'), 'CSP on the error page');
  assert.is(response.headers.get('x-content-type-options'), 'nosniff');
  assert.match(page, '<html lang="en-GB">');
  assert.match(page, says);
}

const hard = suite('forms server hardening');
hard.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  context.dataDir = path.join(tmp.dir, 'data');
  context.siteDir = path.join(tmp.dir, 'site');
  context.db = openDatabase(context.dataDir);
  context.chrome = await buildBasicSite(context.siteDir);
  await start();
});
hard.after(async () => {
  await context.app?.close();
  context.db?.close();
  await context.remove();
});

hard(
  '5,000 characters of feedback in Bengali or Arabic fit; 5,001 are refused by the form, not by the body limit',
  async () => {
    for (const letter of ['অ', 'ع', '😀']) {
      const fields = new URLSearchParams({
        token: await token('/feedback/'),
        message: letter.repeat(5000),
        mayContact: 'no',
      });
      assert.is((await post('/feedback/', fields)).status, 303, letter);
    }
    const over = await post(
      '/feedback/',
      new URLSearchParams({ token: await token('/feedback/'), message: 'অ'.repeat(5001), mayContact: 'no' }),
    );
    assertPage(over, await over.text(), 400, 'Your feedback must be 5000 characters or fewer');
  },
);

hard('a field sent twice shows the form again with the first value kept; nothing stored', async () => {
  const before = feedbackCount();
  const body = `token=${encodeURIComponent(await token('/feedback/'))}&message=My+first+words&message=b&mayContact=no`;
  const response = await post('/feedback/', body);
  const page = await response.text();
  assertPage(response, page, 400, 'Part of the form arrived twice');
  assert.match(page, '>My first words</textarea>');
  assert.is(feedbackCount(), before);
});

hard('a JSON or multipart body gets a 415 page; bytes that are not UTF-8 a 400 page; never JSON', async () => {
  const json = await post('/feedback/', JSON.stringify({ message: 'hi' }), { 'content-type': 'application/json' });
  assertPage(json, await json.text(), 415, 'sent in a way we cannot read');
  const latin1 = await post('/feedback/', `token=x&message=caf%E9&mayContact=no`);
  assertPage(latin1, await latin1.text(), 400, 'The form arrived damaged');
  const raw = await post('/feedback/', Buffer.from([0x6d, 0x3d, 0xff]) as unknown as string);
  assertPage(raw, await raw.text(), 400, 'The form arrived damaged');
});

hard('feedback of only spaces or zero-width characters is empty', async () => {
  const response = await post(
    '/feedback/',
    new URLSearchParams({ token: await token('/feedback/'), message: ' \u200B\u200D\uFEFF \u2060 ', mayContact: 'no' }),
  );
  assertPage(response, await response.text(), 400, 'Enter your feedback');
});

hard(
  'an expired or unknown token shows the form again with the answers and a fresh token; sending that works',
  async () => {
    const old = new FormTokens(Buffer.alloc(32, 7)).issue('feedback', Date.now() - 3 * 60 * 60 * 1000);
    const response = await post(
      '/feedback/',
      new URLSearchParams({ token: old, message: 'Kept across the expiry', mayContact: 'no' }),
    );
    const page = await response.text();
    assertPage(response, page, 400, 'The form had been open for more than 2 hours');
    assert.match(page, '>Kept across the expiry</textarea>');
    const fresh = tokenIn(page);
    assert.is(
      (
        await post(
          '/feedback/',
          new URLSearchParams({ token: fresh, message: 'Kept across the expiry', mayContact: 'no' }),
        )
      ).status,
      303,
    );
  },
);

hard('a full disk shows the form again with the answers (503); nothing half-stored', async () => {
  const before = feedbackCount();
  const pages = Number(context.db!.pragma('page_count', { simple: true }));
  context.db!.pragma(`max_page_count = ${pages}`);
  try {
    const response = await post(
      '/feedback/',
      new URLSearchParams({ token: await token('/feedback/'), message: 'x'.repeat(4000), mayContact: 'no' }),
    );
    const page = await response.text();
    assertPage(response, page, 503, 'We could not store your form just now');
    assert.match(page, `>${'x'.repeat(4000)}</textarea>`);
  } finally {
    context.db!.pragma('max_page_count = 1073741823');
  }
  assert.is(feedbackCount(), before);
});

hard('dotfiles in the site folder are never served', async () => {
  await writeFile(path.join(context.siteDir, '.env'), 'SECRET=1');
  const response = await fetch(`${context.origin}/.env`);
  assert.is(response.status, 404);
  assert.not.match(await response.text(), 'SECRET');
});

hard(
  'origins: the public address and this server on loopback may post; another site, or a name pointed at us, may not',
  async () => {
    await start({ port: 8123 });
    const fields = async (): Promise<URLSearchParams> =>
      new URLSearchParams({ token: await token('/feedback/'), message: 'From where?', mayContact: 'no' });
    assert.is((await post('/feedback/', await fields(), { origin: 'https://reports.example.org' })).status, 303);
    assert.is((await post('/feedback/', await fields(), { origin: 'http://127.0.0.1:8123' })).status, 303);
    assert.is((await post('/feedback/', await fields(), { origin: 'null' })).status, 303);
    assert.is((await post('/feedback/', await fields(), { origin: 'https://evil.example' })).status, 403);
    // DNS rebinding: the Host matches the Origin, but neither is our public address.
    assert.is(
      (
        await post('/feedback/', await fields(), {
          origin: 'http://rebound.example:8123',
          host: 'rebound.example:8123',
        })
      ).status,
      403,
    );
    await start();
  },
);

hard('a stalled upload is dropped after the body timeout, and closing the server does not wait for it', async () => {
  await start({ requestTimeoutMs: 500 });
  const port = (context.app!.server.address() as AddressInfo).port;
  const socket = connect(port, '127.0.0.1');
  socket.write(
    'POST /feedback/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nmessage=slow',
  );
  const reply = await new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
  });
  assert.match(reply, /^HTTP\/1\.1 408/);
  // Another stalled upload, then close: it must end at once, not after the timeout.
  const second = connect(port, '127.0.0.1');
  second.write(
    'POST /feedback/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nmessage=slow',
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const closing = performance.now();
  await context.app!.close();
  assert.ok(performance.now() - closing < 2000, `closed in ${performance.now() - closing} ms`);
  second.destroy();
  context.app = undefined;
  await start();
});
hard.run();

const durable = suite('tokens, migrations and durability');
durable(
  'a token signed with the saved secret passes after a restart and in another process; only one spelling passes',
  async () => {
    const tmp = await tempDir();
    try {
      const secret = loadFormSecret(tmp.dir, {});
      assert.is((await stat(path.join(tmp.dir, 'form-secret'))).mode & 0o777, 0o600);
      const issued = new FormTokens(secret).issue('feedback');
      assert.ok(
        new FormTokens(loadFormSecret(tmp.dir, {})).verify('feedback', issued),
        'the same secret after a restart',
      );
      const [seconds, signature] = issued.split('.');
      for (const variant of [
        `0${seconds}.${signature}`,
        `+${seconds}.${signature}`,
        `${seconds}.${signature}=`,
        `${seconds}.${signature}.`,
        ` ${issued}`,
      ]) {
        assert.not.ok(new FormTokens(secret).verify('feedback', variant), variant);
      }
      const fromEnv = loadFormSecret(tmp.dir, { FORM_SECRET: 'a'.repeat(40) });
      assert.ok(
        new FormTokens(loadFormSecret('/nonexistent', { FORM_SECRET: 'a'.repeat(40) })).verify(
          'request',
          new FormTokens(fromEnv).issue('request'),
        ),
      );
      assert.throws(() => loadFormSecret(tmp.dir, { FORM_SECRET: 'short' }), /at least 32 characters/);
    } finally {
      await tmp.remove();
    }
  },
);

durable(
  'two processes starting on a fresh data folder agree on the secret and the schema, 10 times in 10',
  async () => {
    // Written as a plain string: console.log would colour the number when an earlier test set FORCE_COLOR.
    const script =
      "import { openDatabase } from './src/server/database.ts'; import { loadFormSecret } from './src/server/form-token.ts'; const dir = process.argv[1]; const db = openDatabase(dir); process.stdout.write(`${loadFormSecret(dir, {}).toString('hex')} ${db.pragma('user_version', { simple: true })}`); db.close();";
    for (let attempt = 0; attempt < 10; attempt++) {
      const tmp = await tempDir();
      try {
        const both = await Promise.all(
          [0, 1].map(() =>
            run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, path.join(tmp.dir, 'data')]),
          ),
        );
        const [a, b] = both.map((r) => r.stdout.trim());
        const seen = both
          .map((r) => `stdout ${JSON.stringify(r.stdout)} stderr ${JSON.stringify(r.stderr)}`)
          .join('; ');
        assert.is(a, b, seen);
        assert.ok(new RegExp(`^[0-9a-f]{64} ${SCHEMA_VERSION}$`).test(a!), seen);
      } finally {
        await tmp.remove();
      }
    }
  },
);

durable('the database syncs fully (a confirmed form survives a power cut) and overwrites what it deletes', async () => {
  const tmp = await tempDir();
  const db = openDatabase(tmp.dir);
  try {
    assert.is(db.pragma('synchronous', { simple: true }), 2);
    assert.is(db.pragma('secure_delete', { simple: true }), 1);
  } finally {
    db.close();
    await tmp.remove();
  }
});

durable('rate-limit memory is bounded, cleaned as it goes, and still limits', () => {
  const rate = new RateLimit(2, 1000, 500);
  for (let i = 0; i < 5000; i++) assert.ok(rate.allow(`10.0.${i >> 8}.${i & 255}`, 0));
  assert.is(rate.size, 500);
  assert.ok(rate.allow('192.0.2.1', 10));
  assert.ok(rate.allow('192.0.2.1', 20));
  assert.not.ok(rate.allow('192.0.2.1', 30));
  // After the window, every old address goes as new posts arrive.
  assert.ok(rate.allow('192.0.2.9', 5000));
  assert.is(rate.size, 1);
  const started = performance.now();
  const many = new RateLimit(10, 600_000);
  for (let i = 0; i < 40_000; i++) many.allow(`a${i}`, i);
  for (let i = 0; i < 20_000; i++) many.allow(`b${i}`, 40_000 + i);
  const perSecond = 60_000 / ((performance.now() - started) / 1000);
  assert.ok(perSecond > 20_000, `${Math.round(perSecond)} posts a second`);
});
durable.run();
