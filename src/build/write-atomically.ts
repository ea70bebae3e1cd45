/** Writes beside the target and renames over it, so an interrupted build never leaves half a file in a cache. */
import { rename, writeFile } from 'node:fs/promises';

export async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
