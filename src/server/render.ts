/**
 * Server pages in the site's own layout: the same Nunjucks base template and contact routes the build uses, with the
 * form templates in layouts/forms/. Autoescaping is on, so everything a reader typed is escaped.
 */
import nunjucks from 'nunjucks';
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { siteFilters } from '../formats/site/filters.ts';
import { londonDateTime } from './working-days.ts';
import type { Organisation, SiteSettings } from '../report/site-data.ts';

export interface PageChrome {
  organisation: Organisation;
  settings: SiteSettings;
}

export type Render = (template: string, pageTitle: string, data: Record<string, unknown>, layout?: string) => string;

export function createRenderer(chrome: PageChrome): Render {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      path.join(PROJECT_ROOT, 'layouts', '_includes', 'forms'),
      path.join(PROJECT_ROOT, 'layouts', '_includes'),
    ]),
    { autoescape: true, throwOnUndefined: false },
  );
  for (const [name, fn] of Object.entries(siteFilters)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  env.addFilter('staffDateTime', londonDateTime);
  return (template: string, pageTitle: string, data: Record<string, unknown>, layout = 'base.njk'): string => {
    const content = env.render(template, { ...chrome, ...data });
    // The layout takes the page as already-escaped HTML, as Eleventy gives it.
    return env.render(layout, { ...chrome, ...data, pageTitle, content: new nunjucks.runtime.SafeString(content) });
  };
}
