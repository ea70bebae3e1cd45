/**
 * `npm start -- [--content <dir>] [--port 8081] [--formats print,audio…]`: the live preview on loopback, drafts
 * included, reloading on save. `--formats` as for the build: a first preview of a large site need not wait for every
 * report to be spoken. Stop it with Ctrl+C.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { OPTIONAL_FORMATS, type OptionalFormat } from '../build/build-context.ts';
import { startPreview } from '../preview/preview-server.ts';
import { formatsOption, readFormats, readOptions, resolveFromCaller, UsageError } from './args.ts';

function usage(): { content?: string; port?: string; formats: OptionalFormat[] } {
  try {
    const options = readOptions(process.argv.slice(2), {
      content: '<content folder> (default: content)',
      port: '<port> (default: 8081)',
      formats: formatsOption(OPTIONAL_FORMATS),
    });
    return { ...options, formats: readFormats(options.formats, OPTIONAL_FORMATS) };
  } catch (err) {
    // A wrong option gets the list of right ones, not a stack trace.
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

const options = usage();
const preview = await startPreview({
  contentDir: resolveFromCaller(options.content ?? 'content'),
  outputDir: path.join(PROJECT_ROOT, '.cache', 'preview-site'),
  port: Number(options.port ?? process.env.PORT ?? 8081),
  formats: options.formats,
  log: (line) => console.log(line),
});
console.log(
  `Preview at ${preview.url} — it rebuilds and reloads when you save a file in the content folder. Ctrl+C stops it.`,
);
const stop = async (): Promise<void> => {
  await preview.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
