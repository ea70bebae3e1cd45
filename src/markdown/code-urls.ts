/**
 * Addresses that run code when followed: javascript:, vbscript: and data: (a data: page runs script too). Browsers
 * ignore case, leading spaces and control characters, and tabs and line breaks anywhere in the scheme, and an editor
 * (or a hostile file) can hide the letters behind HTML entities or percent-encoding; all of that is undone before
 * the scheme is read. Used by the markdown factory, the link check, the site renderer and the Word import alike.
 */
const CODE_SCHEMES = /^(javascript|vbscript|data|livescript):/;

const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|colon|tab|newline|nbsp);?/gi;
const NAMED: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_all, body: string) => {
    const lower = body.toLowerCase();
    if (NAMED[lower]) return NAMED[lower];
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The scheme ("javascript", "vbscript", "data") when following `href` would run code; undefined otherwise. */
export function codeScheme(href: string): string | undefined {
  let text = href;
  // Twice: an entity can hide a percent sign, and a percent-escape an entity.
  for (let i = 0; i < 2; i++) text = decodePercent(decodeEntities(text));
  // eslint-disable-next-line no-control-regex -- removing control characters, as browsers do, is the point
  const plain = text.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();
  return CODE_SCHEMES.exec(plain)?.[1];
}
