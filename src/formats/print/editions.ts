/**
 * Print editions of a report: large print at each configured size, and the standard PDF.
 *
 * Why 18 point: UKAAF G003 (2019) and RNIB clear print guidance put large print at 16–18 pt and up; we take the
 * stricter figure and refuse sizes below 16 (see ../shared/FORMATS.md). 12 pt is the usual size of a standard document.
 */
import type { FormatKind } from '../manifest.ts';

export interface PrintEdition {
  kind: Extract<FormatKind, 'large-print-pdf' | 'standard-pdf'>;
  /** Body text size in points; nothing in the PDF may be smaller (headings are larger). */
  fontSizePt: number;
  /** File name after the slug: "<slug>-large-print-18pt.pdf", "<slug>.pdf". */
  fileSuffix: string;
  /** What the cover and the "Other formats" box call it. */
  name: string;
}

export const PRINT_DEFAULTS = {
  /** Large-print sizes made for every report (site.yml print.largePrintSizes can change it). */
  largePrintSizes: [18],
  /** Size of the standard PDF. */
  standardSizePt: 12,
  /** Smallest large-print size accepted (UKAAF: below 16 is not large print). */
  minimumLargePrintPt: 16,
  /** Largest size accepted: beyond this a page holds too few words to be usable. */
  maximumLargePrintPt: 40,
};

export function printEditions(largePrintSizes: readonly number[] = PRINT_DEFAULTS.largePrintSizes): PrintEdition[] {
  const sizes = [...new Set(largePrintSizes)].sort((a, b) => a - b);
  return [
    ...sizes.map((size): PrintEdition => ({
      kind: 'large-print-pdf',
      fontSizePt: size,
      fileSuffix: `-large-print-${size}pt`,
      name: `Large print edition, ${size} point`,
    })),
    { kind: 'standard-pdf', fontSizePt: PRINT_DEFAULTS.standardSizePt, fileSuffix: '', name: 'Standard edition' },
  ];
}
