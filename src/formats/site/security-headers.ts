/**
 * The HTTP headers every page of the site is served with, in one place: the forms server sends them, and the build
 * writes them for static hosts (`_headers`, the file Netlify and Cloudflare Pages read) so a site served without the
 * server is protected in the same way. docs/deploy/nginx-static.conf says the same to nginx (a test checks it).
 *
 * Pictures get a policy of their own: an SVG opened on its own is a document, so it is sandboxed (no script, no
 * access to the site's origin) on top of being cleaned when it was built (engines/images/safe-pictures.ts).
 */

/** A Content-Security-Policy with no inline script; WebAssembly allowed for the site search. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** For pictures (SVG above all): nothing may run or load from elsewhere; inline styles drawn by chart tools may. */
export const PICTURE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'self'; sandbox";

/** Where the site's pictures are published: report pictures (eleventy-img) and easy-read pictograms. */
export const PICTURE_PATHS = ['/img/*', '/pictograms/*'];

/** Header names as hosts print them ("Content-Security-Policy"). */
const displayName = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_all, dash: string, c: string) => dash + c.toUpperCase());

/**
 * `_headers` in the format Netlify and Cloudflare Pages read: a path, then its headers indented. Where two rules
 * match (a picture), both hosts send both policies, and browsers enforce both: the picture's is the stricter.
 */
export function staticHostHeaders(): string {
  const block = (pattern: string, headers: Readonly<Record<string, string>>): string =>
    [pattern, ...Object.entries(headers).map(([name, value]) => `  ${displayName(name)}: ${value}`)].join('\n');
  return `${[
    '# Written by the build: the headers the forms server sends, for static hosts (Netlify, Cloudflare Pages).',
    block('/*', SECURITY_HEADERS),
    ...PICTURE_PATHS.map((p) => block(p, { 'content-security-policy': PICTURE_CSP })),
  ].join('\n')}\n`;
}
