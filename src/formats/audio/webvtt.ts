/**
 * The read-along timings as WebVTT (W3C): one cue per sentence, identified by the sentence's id (s1, s2…), so the
 * audio page's transcript and any player or caption tool can follow the recording.
 */
import type { Cue } from './render-audio.ts';

/** 75.25 → "00:01:15.250". */
export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Cue text: "-->" (which would end the cue's timing line) as an arrow, & < > escaped, on one line. */
function cueText(text: string): string {
  return text
    .replace(/-->/g, '→')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s+/g, ' ')
    .trim();
}

export function toWebVtt(cues: readonly Cue[], words: ReadonlyMap<string, string>, title: string): string {
  const blocks = cues.map(
    (cue) =>
      `${cue.id}\n${vttTime(cue.startSeconds)} --> ${vttTime(cue.endSeconds)}\n${cueText(words.get(cue.id) ?? '')}`,
  );
  return `WEBVTT - ${cueText(title)}\n\n${blocks.join('\n\n')}\n`;
}
