/**
 * Reads a ZIP file's entries from its central directory (APPNOTE 6.3 §4.3.12–16), independently of the writer the
 * build uses, so the tests can look inside an EPUB: entry order, compression method and contents.
 */
import { inflateRawSync } from 'node:zlib';

export interface ReadEntry {
  name: string;
  method: number;
  data: Buffer;
  localOffset: number;
}

export function readZip(bytes: Buffer): ReadEntry[] {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory record');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localName = bytes.readUInt16LE(localOffset + 26);
    const localExtra = bytes.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localName + localExtra;
    const raw = bytes.subarray(start, start + size);
    entries.push({ name, method, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw), localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
