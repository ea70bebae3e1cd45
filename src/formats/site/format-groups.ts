/**
 * The "Other formats" box, grouped by what a reader wants (read, listen, braille, easy read, for software), each
 * edition a short link in its group. The box used to list every edition with its label and a "checked: …" line, 3.4
 * screens of a small phone before the report's first words; those details live in the accessibility statement and
 * the conformance records, linked from the box. Every edition of the manifest is in exactly one group.
 */
import type { FormatEntry, FormatKind } from '../manifest.ts';
import { fileSize } from './filters.ts';

export interface FormatLink {
  label: string;
  href: string;
  /** The file's media type; none for a page of the site. */
  type?: string;
}

export interface FormatGroup {
  name: string;
  links: FormatLink[];
}

const GROUPS: ReadonlyArray<{ name: string; kinds: readonly FormatKind[] }> = [
  { name: 'Read', kinds: ['large-print-pdf', 'standard-pdf', 'epub'] },
  { name: 'Listen', kinds: ['audio-mp3', 'easy-read-mp3'] },
  { name: 'Braille', kinds: ['braille-brf'] },
  { name: 'Easy read', kinds: ['easy-read-html', 'easy-read-pdf'] },
  { name: 'For software', kinds: ['audio-script', 'audio-ssml', 'audio-vtt', 'easy-read-vtt'] },
];

/** A download's size, for readers paying for data on a phone (from the label while the file is still being made). */
function size(f: FormatEntry): string {
  const shown = f.bytes ? fileSize(f.bytes) : /\b\d+(?:\.\d+)? (?:KB|MB)\b/.exec(f.label)?.[0];
  return shown ? `, ${shown}` : '';
}
const minutes = (f: FormatEntry): string =>
  f.durationSeconds ? `, ${Math.max(1, Math.round(f.durationSeconds / 60))} min` : '';

function shortLabel(f: FormatEntry): string {
  switch (f.kind) {
    case 'large-print-pdf':
      return `Large print PDF${f.fontSizePt ? ` (${f.fontSizePt} point)` : ''}${size(f)}`;
    case 'standard-pdf':
      return `Standard PDF${size(f)}`;
    case 'epub':
      return `EPUB ebook${size(f)}`;
    case 'audio-mp3':
      return `Audio${minutes(f)}`;
    case 'easy-read-mp3':
      return `Easy read audio${minutes(f)}`;
    case 'braille-brf':
      return f.grade === 1 || /grade-1/.test(f.href) ? 'Uncontracted (grade 1) BRF' : 'Contracted (grade 2) BRF';
    case 'easy-read-html':
      return 'Easy read page';
    case 'easy-read-pdf':
      return `Easy read PDF${size(f)}`;
    case 'audio-script':
      return 'Audio script (text)';
    case 'audio-ssml':
      return 'SSML';
    case 'audio-vtt':
      return 'Audio timings (WebVTT)';
    case 'easy-read-vtt':
      return 'Easy read timings (WebVTT)';
    case 'html':
      return f.label;
  }
}

/** The editions readers ask for most, for the top of the page: the first of the read, listen, braille and easy read groups. */
export function formatShortcuts(groups: readonly FormatGroup[]): FormatLink[] {
  return ['Read', 'Listen', 'Easy read', 'Braille'].flatMap((name) => {
    const first = groups.find((g) => g.name === name)?.links[0];
    if (!first) return [];
    // The shortest names: the group's full list, with sizes and grades, is one link away.
    return [
      name === 'Braille'
        ? { label: 'Braille', href: '#all-formats' }
        : { ...first, label: first.label.split(/,| \(/)[0]! },
    ];
  });
}

export function formatGroups(formats: readonly FormatEntry[]): FormatGroup[] {
  return GROUPS.map(({ name, kinds }) => ({
    name,
    links: formats
      .filter((f) => kinds.includes(f.kind))
      .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind))
      .map((f) => ({
        label: shortLabel(f),
        href: f.page ?? f.href,
        ...(f.page ? {} : { type: f.mediaType }),
      })),
  })).filter((g) => g.links.length > 0);
}
