/**
 * An organisation's own speech program (Piper, RHVoice, Festival…): it reads the sentence on standard input and writes
 * a WAV file where the command says {output}. Run without a shell, so the text can never become a command.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { wavToPcm, type Pcm } from './wav.ts';

/** A sentence that takes longer than this has hung the program. */
const TIMEOUT_MS = 60_000;

export async function speakWithCommand(text: string, command: readonly string[]): Promise<Pcm> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'speech-'));
  const output = path.join(dir, 'out.wav');
  const [program, ...args] = command.map((part) => part.replaceAll('{output}', output));
  try {
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(program!, args, { stdio: ['pipe', 'ignore', 'pipe'], timeout: TIMEOUT_MS });
      let errors = '';
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child.on('error', (e: NodeJS.ErrnoException) =>
        reject(
          new Error(
            e.code === 'ENOENT'
              ? `the speech program "${program}" was not found: install it, or correct speech.voices in site.yml`
              : `the speech program "${program}" could not start: ${e.message}`,
          ),
        ),
      );
      child.on('close', (code, signal) =>
        code === 0
          ? resolve(errors)
          : reject(
              new Error(
                `the speech program "${program}" stopped with ${signal ? `signal ${signal}` : `code ${code}`}${errors.trim() ? `: ${errors.trim().split('\n')[0]}` : ''}`,
              ),
            ),
      );
      child.stdin.on('error', () => {}); // a program that exits early: its exit code says why
      child.stdin.end(`${text}\n`);
    });
    let wav: Buffer;
    try {
      wav = await readFile(output);
    } catch {
      throw new Error(
        `the speech program "${program}" did not write its WAV file to {output}${stderr.trim() ? ` (it said: ${stderr.trim().split('\n')[0]})` : ''}`,
      );
    }
    return wavToPcm(wav);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
