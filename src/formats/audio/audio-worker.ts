/** Worker thread: renders one report's audio (speech synthesis and MP3 encoding are CPU-bound; see audio-pool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { renderAudio, type AudioJob } from './render-audio.ts';

const result = await renderAudio(workerData as AudioJob);
parentPort!.postMessage(result, [result.mp3.buffer as ArrayBuffer]);
