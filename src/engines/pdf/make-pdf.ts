/**
 * One PDF, start to finish, in whichever thread runs it: typeset with Typst, finish (row headers, link descriptions,
 * dates), read back, and save with object streams. Everything a job needs is plain data, so it can cross to a worker thread.
 */
import { PDFDocument } from 'pdf-lib';
import { finishDocument, savePdf, withdrawPdfUaClaim, type FinishInput } from './finish-pdf.ts';
import { readBackPdf, type ReadBackExpectations } from './read-back.ts';
import { typeset, TypesetError, type TypesetJob } from './typeset.ts';

export interface PdfJob extends TypesetJob {
  /** Where the PDF will be published, for messages: "reports/x/x-large-print-18pt.pdf". */
  name: string;
  finish: FinishInput;
  expect: ReadBackExpectations;
}

export type PdfOutcome =
  | {
      ok: true;
      pdf: Uint8Array;
      pages: number;
      smallestPt: number;
      problems: string[];
      fallbackCharacters: string[];
      pageWords: string[][];
      figureAlts: string[];
    }
  | { ok: false; message: string; line: number };

export async function makePdf(job: PdfJob): Promise<PdfOutcome> {
  let raw: Uint8Array;
  try {
    raw = await typeset(job);
  } catch (err) {
    if (err instanceof TypesetError) return { ok: false, message: err.message, line: err.line };
    throw err;
  }
  // One parse serves finishing, the read-back and saving: the read-back inspects exactly the objects that are then
  // written (the tests read the written bytes again, with this read-back, pdf.js and poppler).
  const doc = await PDFDocument.load(raw, { updateMetadata: false });
  const fonts = finishDocument(doc, job.finish);
  const check = await readBackPdf(doc, job.expect, fonts);
  // The claim follows the checks: a file that failed one is kept for the developers to look at, never as PDF/UA.
  if (check.problems.length > 0) withdrawPdfUaClaim(doc);
  const pdf = await savePdf(doc);
  return {
    ok: true,
    pdf,
    pages: check.pages,
    smallestPt: check.smallestPt,
    problems: check.problems,
    fallbackCharacters: fonts.fallbackCharacters,
    pageWords: check.pageWords,
    figureAlts: check.figureAlts,
  };
}
