/**
 * What each edition aims at and what was checked on it, in plain words: the conformance record the build writes
 * beside each edition in formats.json and the accessibility statement lists. Only checks that run on every build are
 * listed as passed — a build in which one fails publishes nothing (content checks, the PDF read-back, the braille round
 * trip, the parity check) — and what is checked elsewhere, or not at all, is said so, never claimed.
 */
import type { FormatEntry, FormatKind } from './manifest.ts';

export interface ConformanceCheck {
  /** What was checked, in plain words. */
  check: string;
  /** What checked it. */
  tool: string;
}

export interface ConformanceRecord {
  /** The standard the edition aims at. */
  standard: string;
  /** Checks that ran on this edition in this build and passed (a failure stops the build). */
  passed: ConformanceCheck[];
  /** What is not checked on each build, and where it is checked if anywhere. */
  notChecked: string[];
  /** The checks in a few words, for the "Other formats" box ("checked: tags, text size, same content as this page"). */
  brief: string;
}

const PARITY: ConformanceCheck = {
  check: 'carries every heading, paragraph, list, table, picture description, note and link of the report',
  tool: 'the parity check (this pipeline)',
};
const EASY_READ_PARITY: ConformanceCheck = {
  check: 'carries every point, picture and hard word of the easy-read text',
  tool: 'the parity check (this pipeline)',
};
const NO_PERSON = 'not yet tested with assistive technology by a disabled person';

function record(kind: FormatKind, entry: FormatEntry): ConformanceRecord | undefined {
  switch (kind) {
    case 'html':
      return {
        standard: 'WCAG 2.2 level AA',
        passed: [
          {
            check: 'pictures described, headings in order, link text, table captions and headers, no raw HTML',
            tool: 'the content checks (this pipeline)',
          },
          PARITY,
        ],
        notChecked: [
          'automated WCAG tests (pa11y with axe and HTML_CodeSniffer) and the Orca screen-reader check run in the test suite, not on each build',
          NO_PERSON,
        ],
        brief: 'checked: picture descriptions, headings, links and tables',
      };
    case 'large-print-pdf':
    case 'standard-pdf':
      return {
        standard: 'PDF/UA-1',
        passed: [
          {
            check:
              'tagged: every word in the tags in reading order, none glued together or left untagged; pictures described; bookmarks match the headings; fonts embedded; title, language and PDF/UA identifier in the metadata',
            tool: 'the PDF read-back (this pipeline, with pdf-lib)',
          },
          {
            check:
              kind === 'large-print-pdf'
                ? `no text smaller than ${entry.fontSizePt ?? 18} point`
                : 'no text smaller than the body size',
            tool: 'the PDF read-back',
          },
          PARITY,
        ],
        notChecked: ['a full PDF/UA validator (veraPDF) is not run', NO_PERSON],
        brief: `checked: tagged${kind === 'large-print-pdf' ? `, ${entry.fontSizePt ?? 18} point and up` : ''}, nothing left out`,
      };
    case 'epub':
      return {
        standard: 'EPUB Accessibility 1.1, WCAG 2.2 level AA',
        passed: [PARITY],
        notChecked: ['EPUBCheck and Ace by DAISY run in the test suite, not on each build', NO_PERSON],
        brief: 'checked: nothing left out',
      };
    case 'braille-brf':
      return {
        standard: 'Unified English Braille (UEB)',
        passed: [
          {
            check: `translated back to print, ${entry.roundTrip !== undefined ? `${(entry.roundTrip * 100).toFixed(1)}% of` : 'at least 99% of'} the report's words come back`,
            tool: 'liblouis (back-translation)',
          },
          {
            check: 'every line and page within the braille page size, only braille characters',
            tool: 'the braille checks (this pipeline)',
          },
          { ...PARITY, check: `translated back to print, ${PARITY.check}` },
        ],
        notChecked: ['not yet read by a braille reader'],
        brief: 'checked: translates back to print, nothing left out',
      };
    case 'easy-read-html':
    case 'easy-read-pdf':
      return {
        standard: 'UK easy-read guidance (Department of Health, Mencap)',
        passed: [
          {
            check: 'a picture beside every point, short sentences, hard words explained',
            tool: 'the easy-read checks (this pipeline)',
          },
          ...(kind === 'easy-read-pdf'
            ? [{ check: 'tagged and readable in reading order', tool: 'the PDF read-back' }]
            : []),
          EASY_READ_PARITY,
        ],
        notChecked: ['not yet tested with people who use easy read'],
        brief: 'checked: follows the easy-read rules, nothing left out',
      };
    case 'audio-mp3':
    case 'easy-read-mp3':
      return {
        standard: 'WCAG 2.2 level AA (a transcript and chapters)',
        passed: [
          {
            check: 'read from the same report text, with a chapter for each section and a transcript with timings',
            tool: 'the audio script (this pipeline)',
          },
          kind === 'audio-mp3'
            ? {
                ...PARITY,
                check:
                  'its script and its captions (WebVTT) say every heading, paragraph, list, table, picture description, note and link of the report',
              }
            : {
                ...EASY_READ_PARITY,
                check: 'its captions (WebVTT) say every point and hard word of the easy-read text',
              },
        ],
        notChecked: [
          "how well the voice is understood (a speech recogniser's word error rate) is measured by npm run bench:speech, not on each build",
          'not yet listened to by a disabled person',
        ],
        brief: 'checked: chapters, transcript, nothing left out',
      };
    default:
      return undefined;
  }
}

/** The entry with its conformance record, for the editions that have one (transcripts and scripts go with their audio). */
export function withConformance(entry: FormatEntry): FormatEntry {
  const conformance = record(entry.kind, entry);
  return conformance ? { ...entry, conformance } : entry;
}
