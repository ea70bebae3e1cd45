/**
 * `npm start -- [--content <dir>] [--port 8081]`: the live preview on loopback, drafts included, reloading on save.
 * Stop it with Ctrl+C.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { startPreview } from '../preview/preview-server.ts';
import { readOptions, resolveFromCaller } from './args.ts';

const options = readOptions(process.argv.slice(2), { content: '<content folder> (default: content)', port: '<port> (default: 8081)' });
const preview = await startPreview({
  contentDir: resolveFromCaller(options.content ?? 'content'),
  outputDir: path.join(PROJECT_ROOT, '.cache', 'preview-site'),
  port: Number(options.port ?? process.env.PORT ?? 8081),
  log: (line) => console.log(line),
});
console.log(`Preview at ${preview.url} — it rebuilds and reloads when you save a file in the content folder. Ctrl+C stops it.`);
const stop = async (): Promise<void> => {
  await preview.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
