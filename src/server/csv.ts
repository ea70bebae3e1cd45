/**
 * CSV for spreadsheets, safe against formula injection (OWASP "CSV Injection") in whichever separator a spreadsheet
 * guesses:
 * - control characters (C0 but tab and line breaks, DEL, C1) and bidirectional overrides are removed: a NUL in front of
 *   "=HYPERLINK(" hid the formula from a first-character check, and overrides can make text read differently;
 * - a character that could start a formula (= + - @) gets an apostrophe in front of it, so it is shown as text, when it
 *   is the cell's first non-space character or follows a character a spreadsheet may split on (, ; | tab, a line
 *   break): opened with ";" as the separator, our quotes are in the middle of a field and protect nothing, so
 *   "p1;=1+1" must become "p1;'=1+1";
 * - a cell holding a separator, quote or line break is quoted.
 */
// Control characters are what this pattern is for: it removes them.
export const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const FORMULA_STARTS = /(^|[,;|\t\r\n])(\s*)(?=[=+\-@])/g;
const NEEDS_QUOTES = /[",;|\t\r\n]/;

/** What a cell or a terminal line may show: SQLite's values, and what code adds to them. */
export type CellValue = string | number | bigint | boolean | null | undefined;

export function csvCell(value: CellValue): string {
  const text = (value === null || value === undefined ? '' : String(value).replace(UNSAFE_CHARACTERS, '')).replace(
    FORMULA_STARTS,
    "$1$2'",
  );
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: ReadonlyArray<Readonly<Record<string, CellValue>>>): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  return `${[columns.map(csvCell).join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n')}\r\n`;
}

/**
 * Stored text made safe to print on an editor's terminal: control characters and bidirectional overrides shown as
 * visible escapes (\x1B, \u202E) instead of acted on, and line breaks inside a value indented under it, so no value
 * can erase lines, recolour the terminal or pass as another field.
 */
export function terminalText(value: CellValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_CHARACTERS, (c) => {
      const code = c.codePointAt(0)!;
      return code <= 0xff
        ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
        : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    })
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\n    ');
}
