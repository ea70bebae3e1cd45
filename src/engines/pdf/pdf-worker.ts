/** Worker thread: makes PDFs one at a time as the pool sends them, keeping its Typst compiler warm between jobs. */
import { parentPort } from 'node:worker_threads';
import { makePdf, type PdfJob } from './make-pdf.ts';

async function make({ id, job }: { id: number; job: PdfJob }): Promise<void> {
  try {
    const outcome = await makePdf(job);
    parentPort!.postMessage({ id, outcome }, outcome.ok ? [outcome.pdf.buffer as ArrayBuffer] : []);
  } catch (err) {
    parentPort!.postMessage({ id, crash: (err as Error).stack ?? String(err) });
  }
}

// make() answers every job, a crash included, so its promise never rejects.
parentPort!.on('message', (message: { id: number; job: PdfJob }) => void make(message));
