/** Abbreviations on first use: shared by every format that spells them out (print, braille, audio). */

/**
 * Whether the text just before an abbreviation has already said it in full, as in "British Sign Language (BSL)":
 * spelling it out again would double it.
 */
export function saidInFullJustBefore(textBefore: string, title: string): boolean {
  return textBefore.toLowerCase().trimEnd().endsWith(`${title.toLowerCase()} (`);
}
