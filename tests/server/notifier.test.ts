/**
 * Staff told at once: a real SMTP server on loopback (smtp-server) receives a notification for each submission, none
 * is lost while the mail server is down (retried with back-off) or across a restart, and none is sent twice.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SMTPServer } from 'smtp-server';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildSite } from '../../src/build/build-site.ts';
import { openDatabase, type Db } from '../../src/server/database.ts';
import { saveFeedback, saveRequest } from '../../src/server/store.ts';
import { Notifier, pendingNotifications } from '../../src/server/notifier.ts';
import { freePort, tempDir } from '../helpers.ts';

interface Mail {
  to: string;
  text: string;
}

async function mailServer(port: number): Promise<{ mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const request = {
  report: 'first-report',
  format: 'Braille on paper',
  formatOther: '',
  replyBy: 'email',
  email: 'private.reader@example.org',
  phone: '',
  address: '',
  name: 'Private Name',
  note: '',
  storedFormat: 'Braille on paper',
  followUps: {},
};
const waitFor = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** A database, a mail server on loopback and a started notifier sending to it, for `use`; all closed after. */
async function withNotifier(
  extra: { deskUrl?: string },
  use: (parts: { db: Db; smtp: { mails: Mail[] }; notifier: Notifier }) => Promise<void>,
): Promise<void> {
  const tmp = await tempDir();
  const db = openDatabase(tmp.dir);
  const port = await freePort();
  const smtp = await mailServer(port);
  const notifier = new Notifier(db, {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    to: 'staff@example.org',
    retryMs: 50,
    pollMs: 50,
    ...extra,
  });
  try {
    notifier.start();
    await use({ db, smtp, notifier });
  } finally {
    await notifier.stop();
    await smtp.close();
    db.close();
    await tmp.remove();
  }
}

const notify = suite('notifications to staff');
notify('the email links to the staff desk page; a format typed with line breaks cannot add a header', async () =>
  withNotifier({ deskUrl: 'https://reports.example.org/' }, async ({ db, smtp, notifier }) => {
    const hostile = 'Something else: Braille\r\nBcc: thief@evil.example\r\n\r\nInjected body\u202E';
    const ref = saveRequest(
      db,
      { ...request, storedFormat: hostile },
      { slug: 'first-report', title: 'First\nreport' },
    );
    notifier.kick();
    await waitFor(() => smtp.mails.length >= 1);
    await notifier.settled();
    const mail = smtp.mails[0]!;
    assert.is(mail.to, 'staff@example.org', 'no Bcc recipient was added');
    // Headers unfolded (a long subject is folded onto continuation lines, which is allowed).
    const headers = mail.text.slice(0, mail.text.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    assert.not.match(headers, /^Bcc:/im);
    assert.match(
      headers,
      /^Subject: New request REQ-[A-Z0-9-]+: Something else: Braille Bcc: thief@evil.example Injected/m,
    );
    assert.not.match(mail.text, '\u202E');
    assert.match(mail.text.replace(/=\r\n/g, ''), `https://reports.example.org/staff/requests/${ref}/`);
    assert.not.match(mail.text, 'private.reader');
  }),
);

notify("each submission is emailed once, naming the reference, format and report, not the reader's details", async () =>
  withNotifier({}, async ({ db, smtp, notifier }) => {
    const ref = saveRequest(db, request, { slug: 'first-report', title: 'First report' });
    const fb = saveFeedback(db, { message: 'Thanks', mayContact: 'no', name: '', email: '', phone: '' });
    notifier.kick();
    await waitFor(() => smtp.mails.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.is(smtp.mails.length, 2);
    assert.is(smtp.mails[0]!.to, 'staff@example.org');
    assert.match(smtp.mails[0]!.text, `New request ${ref}: Braille on paper of First report`);
    assert.match(smtp.mails[0]!.text, `npm run requests -- show ${ref}`);
    assert.not.match(smtp.mails[0]!.text, 'private.reader');
    assert.not.match(smtp.mails[0]!.text, 'Private Name');
    assert.match(smtp.mails[1]!.text, `New feedback ${fb}`);
    assert.equal(pendingNotifications(db), []);
  }),
);

notify(
  'a refused connection is retried with back-off until the mail server is back; nothing lost, nothing doubled',
  async () => {
    const tmp = await tempDir();
    const db = openDatabase(tmp.dir);
    const port = await freePort();
    const notifier = new Notifier(db, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      to: 'staff@example.org',
      retryMs: 100,
      pollMs: 50,
    });
    let smtp: Awaited<ReturnType<typeof mailServer>> | undefined;
    try {
      const ref = saveRequest(db, request, { slug: 'first-report', title: 'First report' });
      notifier.start();
      await waitFor(() => (pendingNotifications(db)[0]?.attempts ?? 0) >= 2);
      const [pending] = pendingNotifications(db);
      assert.is(pending!.ref, ref);
      assert.match(pending!.last_error ?? '', /ECONNREFUSED/);
      smtp = await mailServer(port);
      await waitFor(() => smtp!.mails.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.is(smtp.mails.length, 1);
      assert.equal(pendingNotifications(db), []);
    } finally {
      await notifier.stop();
      await smtp?.close();
      db.close();
      await tmp.remove();
    }
  },
);

notify('mail pending when the server stops is delivered once after a restart', async () => {
  const tmp = await tempDir();
  const port = await freePort();
  let db = openDatabase(tmp.dir);
  const refs = [
    saveRequest(db, request, { slug: 'first-report', title: 'First report' }),
    saveRequest(db, request, { slug: 'first-report', title: 'First report' }),
  ];
  db.close();
  // "Restart": a new process would open the same file; here a new connection and a new sender.
  db = openDatabase(tmp.dir);
  const smtp = await mailServer(port);
  const notifier = new Notifier(db, {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    to: 'staff@example.org',
    retryMs: 50,
    pollMs: 50,
  });
  try {
    notifier.start();
    await waitFor(() => smtp.mails.length === 2);
    await notifier.stop();
    const again = new Notifier(db, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      to: 'staff@example.org',
      retryMs: 50,
      pollMs: 50,
    });
    again.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await again.stop();
    assert.is(smtp.mails.length, 2);
    for (const ref of refs)
      assert.ok(
        smtp.mails.some((m) => m.text.includes(ref)),
        ref,
      );
  } finally {
    await smtp.close();
    db.close();
    await tmp.remove();
  }
});
notify('without SMTP_URL, npm run serve says at start that nobody will be emailed', async () => {
  const tmp = await tempDir();
  try {
    await buildSite({
      contentDir: path.resolve('tests/fixtures/basic-site'),
      outputDir: path.join(tmp.dir, 'site'),
      log: () => {},
      formats: [],
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(await freePort()),
      DATA_DIR: path.join(tmp.dir, 'data'),
    };
    delete env.SMTP_URL;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/serve.ts',
        '--site',
        path.join(tmp.dir, 'site'),
        '--content',
        'tests/fixtures/basic-site',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('Serving'), 30_000);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('close', resolve));
    assert.match(output, 'No SMTP_URL is set, so nobody will be emailed when a request or feedback arrives');
  } finally {
    await tmp.remove();
  }
});
notify.run();
