/** Worker thread: makes PDFs one at a time as the pool sends them, keeping its Typst compiler warm between jobs. */
import { parentPort } from 'node:worker_threads';
import { makePdf, type PdfJob } from './make-pdf.ts';

parentPort!.on('message', async ({ id, job }: { id: number; job: PdfJob }) => {
  try {
    const outcome = await makePdf(job);
    parentPort!.postMessage({ id, outcome }, outcome.ok ? [outcome.pdf.buffer as ArrayBuffer] : []);
  } catch (err) {
    parentPort!.postMessage({ id, crash: (err as Error).stack ?? String(err) });
  }
});
