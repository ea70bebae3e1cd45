/** The table of contents of a report page: its h2 headings, each with its h3s. */
import type { HeadingBlock } from '../../report/model.ts';

export interface TocEntry {
  id: string;
  text: string;
  children: TocEntry[];
}

export function tableOfContents(headings: readonly HeadingBlock[]): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const heading of headings) {
    const entry = { id: heading.id, text: heading.text, children: [] };
    if (heading.level === 2) toc.push(entry);
    else if (heading.level === 3) (toc.at(-1)?.children ?? toc).push(entry);
  }
  return toc;
}
