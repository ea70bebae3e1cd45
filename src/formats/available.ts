/**
 * Which editions a report has, in words, for formats that must name the others (a PDF's cover, the audio's closing).
 * Known before any format is made — from the build's chosen formats and the report's own files — so no format has to
 * wait for another.
 */
import type { OptionalFormat } from '../build/build-context.ts';
import type { ParsedReport } from '../report/parse-report.ts';

export function editionsInWords(
  report: ParsedReport,
  formats: ReadonlySet<OptionalFormat>,
  leaveOut: OptionalFormat | 'none' = 'none',
): string[] {
  return [
    'a web page',
    ...(formats.has('print') && leaveOut !== 'print' ? ['large print and standard PDFs'] : []),
    ...(formats.has('easy-read') && leaveOut !== 'easy-read' && report.easyRead ? ['an easy read version'] : []),
    ...(formats.has('audio') && leaveOut !== 'audio' ? ['audio, with a transcript'] : []),
    ...(formats.has('braille') && leaveOut !== 'braille' ? ['braille (BRF files)'] : []),
    ...(formats.has('epub') && leaveOut !== 'epub' ? ['an EPUB ebook'] : []),
  ];
}

/** ["a", "b", "c"] → "a, b and c". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
