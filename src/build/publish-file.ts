/**
 * Puts a finished file (from a cache) into the site being built. A hard link costs nothing however large the file;
 * where one cannot be made (another file system), the file is copied. Cached files are never changed in place (a new
 * version gets a new name), so sharing them with the site is safe.
 */
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

export async function publishFile(source: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await rm(target, { force: true });
  try {
    await link(source, target);
  } catch {
    await copyFile(source, target);
  }
}
