// Composes the pipeline's plugins and sets directories; nothing else. Run through `npm run build`, which loads
// TypeScript (tsx) and says which content folder to use (see src/build/build-context.ts). A format's plugin is loaded
// only when the build makes that format, so a web-only preview or build does not load Typst, the speech engines or
// liblouis's wrappers.
import { buildContext } from './src/build/build-context.ts';
import { reportWebsite } from './src/formats/site/plugin.ts';

const FORMAT_PLUGINS = {
  print: async () => (await import('./src/formats/print/plugin.ts')).reportPrintEditions,
  'easy-read': async () => (await import('./src/formats/easy-read/plugin.ts')).reportEasyRead,
  audio: async () => (await import('./src/formats/audio/plugin.ts')).reportAudio,
  braille: async () => (await import('./src/formats/braille/plugin.ts')).reportBraille,
  epub: async () => (await import('./src/formats/epub/plugin.ts')).reportEpub,
};

export default async function (eleventyConfig) {
  const context = buildContext();
  eleventyConfig.addPlugin(reportWebsite, context);
  for (const [format, load] of Object.entries(FORMAT_PLUGINS)) {
    if (context.formats.has(format)) eleventyConfig.addPlugin(await load(), context);
  }

  return {
    dir: { input: 'layouts', includes: '_includes', data: '_data' },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
  };
}
