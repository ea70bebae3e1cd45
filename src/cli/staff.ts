/**
 * `npm run staff -- add <email> [--link] [--role …] | list | remove <email> | reset <email>`: staff accounts for the
 * desk at /staff/. Reads DATA_DIR (default data/) and the site's address from CONTENT_DIR's site.yml (for set-up
 * links). A password is read from the terminal without echo, or line by line from a pipe. Exit codes: 0 done,
 * 1 usage, 2 refused (see the message).
 */
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { openDatabase } from '../server/database.ts';
import { runStaffCommand } from '../server/auth/staff-commands.ts';
import { readDataFile, siteSchema } from '../report/site-data.ts';

function siteUrl(): string {
  const file = path.join(process.env.CONTENT_DIR ?? path.join(PROJECT_ROOT, 'content'), '_data', 'site.yml');
  const { data } = readDataFile(existsSync(file) ? readFileSync(file, 'utf8') : '', file, siteSchema);
  return data?.url ?? `http://127.0.0.1:${process.env.PORT ?? 8080}/`;
}

/** Lines from a pipe, one per call. */
const piped = (() => {
  let lines: AsyncIterator<string> | undefined;
  return async (): Promise<string> => {
    lines ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]();
    const next = await lines.next();
    return next.done ? '' : next.value;
  };
})();

/** A password typed at the terminal, shown as nothing. */
function typedSecretly(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    process.stdout.write(prompt);
    const input = process.stdin;
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string): void => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        if (c === '\u0003') {
          input.setRawMode(false);
          process.stdout.write('\n');
          reject(new Error('Stopped: nothing was saved.'));
          return;
        }
        if (c === '\u007f' || c === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += c;
      }
    };
    input.on('data', onData);
  });
}

const db = openDatabase(path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data')));
try {
  const code = await runStaffCommand(db, process.argv.slice(2), {
    out: (line) => console.log(line),
    readSecret: (prompt) => (process.stdin.isTTY ? typedSecretly(prompt) : piped()),
    siteUrl: siteUrl(),
  });
  process.exitCode = code;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  db.close();
}
