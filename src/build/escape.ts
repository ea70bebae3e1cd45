/** Escaping for text put into HTML or XML we write by hand (templates escape their own). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XML (SSML, XMP): as HTML, and apostrophes too, for attributes quoted either way. */
export function escapeXml(text: string): string {
  return escapeHtml(text).replace(/'/g, '&apos;');
}
