/**
 * A few long-lived worker threads that make PDFs (Typst and the read-back are CPU-bound, so in the main thread
 * reports would wait for each other). Each worker keeps one warm compiler; jobs go to whichever is free.
 * The pool is started for a batch and closed by whoever started it.
 */
import { Worker } from 'node:worker_threads';
import type { PdfJob, PdfOutcome } from './make-pdf.ts';

interface Pending {
  resolve: (outcome: PdfOutcome) => void;
  reject: (err: Error) => void;
}

export class PdfPool {
  readonly #workers: Worker[];
  readonly #idle: Worker[] = [];
  readonly #queue: Array<{ id: number; job: PdfJob }> = [];
  readonly #pending = new Map<number, Pending>();
  #next = 0;

  constructor(size: number) {
    this.#workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(new URL('./pdf-worker.mjs', import.meta.url));
      worker.on('message', (message: { id: number; outcome?: PdfOutcome; crash?: string }) => {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.outcome) pending?.resolve(message.outcome);
        else pending?.reject(new Error(`the PDF worker failed: ${message.crash}`));
        this.#release(worker);
      });
      worker.on('error', (err) => this.#failAll(err));
      this.#idle.push(worker);
      return worker;
    });
  }

  make(job: PdfJob): Promise<PdfOutcome> {
    const id = this.#next++;
    const promise = new Promise<PdfOutcome>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.#queue.push({ id, job });
    this.#dispatch();
    return promise;
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #release(worker: Worker): void {
    this.#idle.push(worker);
    this.#dispatch();
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) this.#idle.pop()!.postMessage(this.#queue.shift());
  }

  #failAll(err: Error): void {
    for (const pending of this.#pending.values()) pending.reject(err);
    this.#pending.clear();
  }
}

/**
 * The build's one pool, started on first use (a build with nothing to typeset starts none) and closed by whoever owns
 * the build, so every printed format shares warm workers.
 */
export class LazyPdfPool {
  #pool: PdfPool | undefined;
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  get(): PdfPool {
    this.#pool ??= new PdfPool(this.#size);
    return this.#pool;
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }
}
