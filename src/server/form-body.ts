/**
 * The one body the forms accept: application/x-www-form-urlencoded, in UTF-8, each field once. Parsed here rather than
 * by a generic parser so each way a body can be wrong is told apart: bytes that are not UTF-8 are refused (400), and a
 * field sent twice keeps its first value and is reported, so the form can be shown again with what the reader typed.
 */
export type Form = Record<string, string>;

export interface FormBody {
  fields: Form;
  /** Fields that came more than once (a tampered or broken form). */
  duplicated: string[];
}

export class FormEncodingError extends Error {
  readonly statusCode = 400;
  constructor() {
    super('The form was not sent as UTF-8 text');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(part: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c === 0x2b) bytes.push(0x20);
    else if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(part.slice(i + 1, i + 3))) {
      bytes.push(parseInt(part.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else throw new FormEncodingError();
  }
  try {
    return utf8.decode(new Uint8Array(bytes));
  } catch {
    throw new FormEncodingError();
  }
}

export function parseFormBody(body: Buffer): FormBody {
  const fields: Form = Object.create(null) as Form;
  const duplicated = new Set<string>();
  // A urlencoded body is ASCII; latin1 maps each byte to one character, so a stray non-ASCII byte is seen and refused.
  for (const pair of body.toString('latin1').split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const name = decode(at === -1 ? pair : pair.slice(0, at));
    const value = at === -1 ? '' : decode(pair.slice(at + 1));
    if (Object.hasOwn(fields, name)) duplicated.add(name);
    else fields[name] = value;
  }
  return { fields, duplicated: [...duplicated] };
}

/** Characters that show nothing: a field of only these (and spaces) is empty. */
// Each escape is one invisible code point listed on purpose (combining and variation marks among them), not a
// character sequence the class would split.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;

export function looksEmpty(value: string): boolean {
  return value.replace(INVISIBLE, '') === '';
}
