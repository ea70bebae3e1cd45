/**
 * Unified English Braille through liblouis (Debian's liblouis-bin, installed by npm run setup): lines of print in,
 * lines of BRF out (ASCII braille, with the US BRF display table), and back again for the round-trip check.
 * One lou_translate run per document and direction: it translates its input line by line.
 */
import { spawn } from 'node:child_process';

export type Grade = 1 | 2;

export const TABLES: Record<Grade, string> = { 1: 'en-us-brf.dis,en-ueb-g1.ctb', 2: 'en-us-brf.dis,en-ueb-g2.ctb' };

export class BrailleToolMissingError extends Error {
  constructor() {
    super(
      'Braille needs liblouis (the lou_translate program), which is not installed. Run "npm run setup" to install it, or build without braille: npm run build -- --formats print,easy-read,audio',
    );
  }
}

/** Each line translated (forward: print to BRF; backward: BRF to print). Lines must not contain line breaks. */
export function translateLines(
  lines: readonly string[],
  grade: Grade,
  direction: 'forward' | 'backward' = 'forward',
): Promise<string[]> {
  if (lines.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('lou_translate', [`--${direction}`, TABLES[grade]], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new BrailleToolMissingError() : e));
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`liblouis stopped with code ${code}: ${errors.trim().split('\n')[0] ?? ''}`));
      const text = Buffer.concat(out).toString('utf8').replace(/\n$/, '');
      const result = text.split('\n');
      if (result.length !== lines.length)
        return reject(new Error(`liblouis returned ${result.length} lines for ${lines.length}`));
      resolve(result);
    });
    child.stdin.on('error', () => {});
    // lou_translate reads backslash escapes in its input ("\x2019"); a backslash in print, or the braille cell it
    // stands for in BRF ("ou"), must be written as two.
    child.stdin.end(`${lines.map((l) => l.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\')).join('\n')}\n`);
  });
}

/**
 * Characters of the text that liblouis has no braille for: it writes them as an escape ("\x2603" in braille), which
 * a reader would meet as nonsense. Each character outside ASCII is translated alone and its output inspected.
 */
export async function untranslatable(text: string): Promise<string[]> {
  const candidates = [...new Set([...text].filter((c) => c.codePointAt(0)! > 0x7e))];
  if (candidates.length === 0) return [];
  const out = await translateLines(candidates, 1);
  return candidates.filter((_, i) => /\\X[A-J]{2,}/.test(out[i]!));
}
