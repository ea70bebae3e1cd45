/**
 * Typst, through its Node binding: a print model (JSON) and its pictures go in as virtual files, a PDF/UA-1 tagged PDF
 * comes out. One compiler per thread is kept warm across jobs; its memoisation cache is evicted after each job, so
 * memory stays bounded over a hundred reports.
 *
 * A failed typeset names the Markdown line of the block at fault: Typst's own message points into the template, so
 * the model is typeset again with fewer blocks until the first block that fails is found.
 */
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PRINT_FONTS } from './print-fonts.ts';
import { TEMPLATE_DIR } from './pipeline-identity.ts';

export { TEMPLATE_DIR };

export interface TypesetJob {
  /** A template in layouts/print, e.g. "report.typ". */
  template: string;
  /** The print model; blocks in `model.body` carry their Markdown line. */
  model: { body?: ReadonlyArray<{ line: number }> } & object;
  /** Pictures the model names, and where their bytes are. */
  images: ReadonlyArray<{ name: string; file: string }>;
}

export class TypesetError extends Error {
  /** Markdown line of the block at fault, when one was found. */
  readonly line: number;
  constructor(message: string, line = 0) {
    super(message);
    this.line = line;
  }
}

interface Diagnostic {
  message?: string;
}

let compiler: NodeCompiler | undefined;

function compilerForThisThread(): NodeCompiler {
  compiler ??= NodeCompiler.create({
    workspace: TEMPLATE_DIR,
    fontArgs: [{ fontBlobs: PRINT_FONTS.map((font) => readFileSync(font.file)) }],
  });
  return compiler;
}

function messageOf(diagnostics: unknown): string {
  const list = Array.isArray(diagnostics) ? (diagnostics as Diagnostic[]) : [];
  return (
    tidy(
      list
        .map((d) => d.message)
        .filter(Boolean)
        .join('; '),
    ) || 'Typst could not typeset it'
  );
}

/** Typst's words for an editor: no "PDF/UA-1 error:" prefix, no doubled quotes, each distinct message once. */
function tidy(message: string): string {
  const parts = message.split('; ').map((part) => part.replace(/^PDF\/UA-1 error: /, '').replace(/`"(.*?)"`/g, '"$1"'));
  return [...new Set(parts)].join('; ');
}

/** PDF export errors arrive as one string of Rust debug output: keep their messages. */
function exportMessage(err: Error): string {
  const code = (err as { code?: unknown }).code;
  const messages = [
    ...(err.message || (typeof code === 'string' ? code : '')).matchAll(/message: "((?:[^"\\]|\\.)*)"/g),
  ].map((m) => JSON.parse(`"${m[1]}"`) as string);
  return tidy(messages.join('; ')) || 'the PDF could not be written';
}

function compile(typst: NodeCompiler, job: TypesetJob, model: object): Buffer {
  typst.mapShadow(path.join(TEMPLATE_DIR, 'data', 'model.json'), Buffer.from(JSON.stringify(model)));
  const main = path.join(TEMPLATE_DIR, job.template);
  const result = typst.compile({ mainFilePath: main });
  const error = result.takeError();
  if (error || !result.result) throw new TypesetError(messageOf(error?.shortDiagnostics));
  try {
    return typst.pdf(result.result, { pdfStandard: 'ua-1' });
  } catch (err) {
    // PDF/UA export refuses what would break the standard (a character no print font can show, say).
    throw new TypesetError(exportMessage(err as Error));
  }
}

/** The first block whose presence makes the typeset fail (binary search over prefixes of the body). */
function locate(typst: NodeCompiler, job: TypesetJob): number {
  const body = job.model.body ?? [];
  const fails = (count: number): boolean => {
    try {
      compile(typst, job, { ...job.model, body: body.slice(0, count) });
      return false;
    } catch {
      return true;
    }
  };
  if (body.length === 0 || fails(0) || !fails(body.length)) return 0;
  let [low, high] = [0, body.length]; // fails(low) is false, fails(high) is true
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fails(middle)) high = middle;
    else low = middle;
  }
  return body[high - 1]?.line ?? 0;
}

export async function typeset(job: TypesetJob): Promise<Uint8Array> {
  const typst = compilerForThisThread();
  try {
    for (const image of job.images)
      typst.mapShadow(path.join(TEMPLATE_DIR, 'data', image.name), await readFile(image.file));
    try {
      return new Uint8Array(compile(typst, job, job.model));
    } catch (err) {
      if (!(err instanceof TypesetError)) throw err;
      throw new TypesetError(err.message, locate(typst, job));
    }
  } finally {
    typst.resetShadow();
    typst.evictCache(10);
  }
}
