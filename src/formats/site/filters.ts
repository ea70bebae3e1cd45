/** Nunjucks filters for the layouts: presentation helpers, tested here so templates hold no logic. */

/** "2019-07-15" → "15 July 2019" (GOV.UK style). Dates are calendar dates: no time zone may shift them. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function readableDate(iso: string, lang = 'en-GB'): string {
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`readableDate: "${iso}" is not a YYYY-MM-DD date`);
  // Making a formatter costs far more than using one, and a build formats thousands of dates.
  let format = dateFormats.get(lang);
  if (!format)
    dateFormats.set(
      lang,
      (format = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })),
    );
  return format.format(date);
}

/** "020 7274 8522" → "tel:+442072748522": the international form works from any phone, including abroad. */
export function telHref(phone: string, scheme: 'tel' | 'sms' = 'tel'): string {
  // "+44 (0)20…": the (0) is dialled only from inside the UK, so it is dropped.
  const digits = phone.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  const international = digits.startsWith('+') ? digits : digits.startsWith('0') ? `+44${digits.slice(1)}` : digits;
  return `${scheme}:${international}`;
}

/** 1536 → "2 KB" (whole units: readers need a sense of size, not precision). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Absolute URL for the sitemap and feeds. */
export function absoluteUrl(pathname: string, siteUrl: string): string {
  return new URL(pathname, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}

/** "ar" → "rtl", "en-GB" → "ltr": reports in Arabic, Urdu, Farsi… are laid out right to left. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  try {
    const info = (new Intl.Locale(lang) as Intl.Locale & { textInfo?: { direction?: string } }).textInfo;
    return info?.direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

export const siteFilters = { readableDate, telHref, fileSize, absoluteUrl, textDirection, mailtoHref };

/** A mailto: link with the subject and body filled in (used where the site has no form server). */
export function mailtoHref(email: string, subject: string, body: string): string {
  return `mailto:${email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
