/**
 * The callout kinds an editor can write as GitHub-style alerts (`> [!NOTE]`), and the label every edition shows or says.
 * One list, so the site, print, audio, braille and EPUB cannot disagree about what a callout is called.
 */
import type { Block, Inline } from './model.ts';

export const CALLOUT_LABELS = {
  note: 'Note',
  tip: 'Tip',
  important: 'Important',
  warning: 'Warning',
  caution: 'Caution',
} as const;

export type CalloutKind = keyof typeof CALLOUT_LABELS;

export function isCalloutKind(word: string): word is CalloutKind {
  return Object.hasOwn(CALLOUT_LABELS, word);
}

/** How a checklist item's state is written in text (print, audio, braille, and beside the web page's checkbox). */
export function taskState(done: boolean): string {
  return done ? 'Done' : 'Not done';
}

/**
 * A checklist item's blocks with its state written in front ("Done: …", "Not done: …") for the editions that show
 * text, not checkboxes (print, audio, braille). An item that is not a checklist item comes back unchanged.
 */
export function withTaskState(item: readonly Block[], done: boolean | null | undefined): Block[] {
  if (done === null || done === undefined) return [...item];
  const label: Inline = { type: 'strong', children: [{ type: 'text', text: `${taskState(done)}:` }] };
  const [first, ...rest] = item;
  if (first?.type === 'paragraph')
    return [{ ...first, content: [label, { type: 'text', text: ' ' }, ...first.content] }, ...rest];
  return [{ type: 'paragraph', content: [label], line: first?.line ?? 0 }, ...item];
}

/** How many of a checklist's items are done, in words: "2 of 5 done". */
export function checklistSummary(done: ReadonlyArray<boolean | null>): string {
  const tasks = done.filter((d) => d !== null);
  return `${tasks.filter(Boolean).length} of ${tasks.length} done`;
}
