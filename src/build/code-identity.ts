/**
 * A hash of the pipeline's own code and locked dependencies: part of the key of any cache whose entries are found from
 * a report's inputs rather than from what the code made of them (see print/print-plans.ts). Any change to the code —
 * a fix in the print layout, an updated package — makes those entries unreachable, so a stale one can never be used.
 * Computed once per process: about 150 small files.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from './project-root.ts';

const CODE_FOLDERS = ['src', 'layouts'];
const CODE_FILES = ['package-lock.json', '.eleventy.js'];

let identity: Promise<string> | undefined;

async function computeIdentity(): Promise<string> {
  const hash = createHash('sha256');
  const files = [...CODE_FILES];
  for (const folder of CODE_FOLDERS) {
    const entries = await readdir(path.join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true });
    files.push(
      ...entries.filter((e) => e.isFile()).map((e) => path.relative(PROJECT_ROOT, path.join(e.parentPath, e.name))),
    );
  }
  for (const file of files.sort()) {
    const bytes = await readFile(path.join(PROJECT_ROOT, file)).catch(() => undefined);
    hash
      .update(`${file}\0`)
      .update(bytes ?? 'missing')
      .update('\0');
  }
  return hash.digest('hex');
}

export function codeIdentity(): Promise<string> {
  identity ??= computeIdentity();
  return identity;
}
