/**
 * One PDF, start to finish, in whichever thread runs it: typeset with Typst, finish (row headers, link descriptions,
 * dates, object streams), then read back. Everything a job needs is plain data, so it can cross to a worker thread.
 */
import { finishPdf, type FinishInput } from './finish-pdf.ts';
import { readBackPdf, type ReadBackExpectations } from './read-back.ts';
import { typeset, TypesetError, type TypesetJob } from './typeset.ts';

export interface PdfJob extends TypesetJob {
  /** Where the PDF will be published, for messages: "reports/x/x-large-print-18pt.pdf". */
  name: string;
  finish: FinishInput;
  expect: ReadBackExpectations;
}

export type PdfOutcome =
  | { ok: true; pdf: Uint8Array; pages: number; smallestPt: number; problems: string[]; fallbackCharacters: string[] }
  | { ok: false; message: string; line: number };

export async function makePdf(job: PdfJob): Promise<PdfOutcome> {
  let raw: Uint8Array;
  try {
    raw = await typeset(job);
  } catch (err) {
    if (err instanceof TypesetError) return { ok: false, message: err.message, line: err.line };
    throw err;
  }
  const finished = await finishPdf(raw, job.finish);
  const check = await readBackPdf(finished.bytes, job.expect, finished.fonts);
  return { ok: true, pdf: finished.bytes, pages: check.pages, smallestPt: check.smallestPt, problems: check.problems, fallbackCharacters: finished.fonts.fallbackCharacters };
}
