/**
 * Runs audio jobs in worker threads, as many at once as there are cores: eSpeak (WebAssembly) and the MP3 encoder are
 * pure computation, so in the main thread reports would wait for each other. Workers load TypeScript through tsx (audio-worker.mjs).
 */
import { Worker } from 'node:worker_threads';
import type { AudioJob, AudioResult } from './render-audio.ts';

export function renderAudioInWorker(job: AudioJob): Promise<AudioResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./audio-worker.mjs', import.meta.url), { workerData: job });
    worker.once('message', (result: AudioResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the audio worker stopped with code ${code}`));
    });
  });
}
