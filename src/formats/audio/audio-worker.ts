/** Worker thread: renders one recording (speech synthesis and MP3 encoding are CPU-bound; see audio-pool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { renderAudio, type AudioJob } from './render-audio.ts';
import { closeFlite } from './voices/flite.ts';

try {
  const result = await renderAudio(workerData as AudioJob);
  parentPort!.postMessage(result, [result.mp3.buffer as ArrayBuffer]);
} finally {
  await closeFlite();
}
