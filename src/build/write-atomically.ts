/**
 * Writes beside the target and renames over it, so an interrupted build never leaves half a file in a cache. The
 * temporary name is unique to the call: worker threads share a process id, and two of them may write the same cached
 * file at once (the same sentence in two reports); the last rename wins, and both wrote the same bytes.
 */
import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';

export async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
