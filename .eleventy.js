// Composes the pipeline's plugins and sets directories; nothing else. Run through `npm run build`, which loads
// TypeScript (tsx) and chooses the content folder (REPORTS_CONTENT_DIR, default "content").
import { reportWebsite } from './src/formats/site/plugin.ts';
import { reportPrintEditions } from './src/formats/print/plugin.ts';

export default function (eleventyConfig) {
  const contentDir = process.env.REPORTS_CONTENT_DIR || 'content';
  const includeDrafts = process.env.REPORTS_INCLUDE_DRAFTS === '1';
  eleventyConfig.addPlugin(reportWebsite, { contentDir, includeDrafts });
  eleventyConfig.addPlugin(reportPrintEditions, { contentDir, includeDrafts });

  return {
    dir: { input: 'layouts', includes: '_includes', data: '_data' },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
  };
}
