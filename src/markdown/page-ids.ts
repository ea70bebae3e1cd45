/**
 * Ids the page around a report's body uses (the skip link's target, the boxes and lists the layout adds). A heading's
 * generated id steps around them ("Contents" becomes contents-2), and the content checks refuse an editor's {#id}
 * that takes one, so no page ever has two elements with one id.
 */
export const PAGE_IDS: ReadonlySet<string> = new Set([
  'main-content',
  'contents',
  'contents-heading',
  'other-formats',
  'other-formats-heading',
  'all-formats',
  'all-formats-heading',
  'page-history',
  'page-history-heading',
  'footnotes',
  'footnotes-heading',
  'report-title',
]);
