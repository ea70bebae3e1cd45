// Composes the pipeline's plugins and sets directories; nothing else. Run through `npm run build`, which loads
// TypeScript (tsx) and says which content folder to use (see src/build/build-context.ts).
import { buildContext } from './src/build/build-context.ts';
import { reportWebsite } from './src/formats/site/plugin.ts';
import { reportPrintEditions } from './src/formats/print/plugin.ts';
import { reportEasyRead } from './src/formats/easy-read/plugin.ts';
import { reportAudio } from './src/formats/audio/plugin.ts';
import { reportBraille } from './src/formats/braille/plugin.ts';
import { reportEpub } from './src/formats/epub/plugin.ts';

export default function (eleventyConfig) {
  const context = buildContext();
  eleventyConfig.addPlugin(reportWebsite, context);
  if (context.formats.has('print')) eleventyConfig.addPlugin(reportPrintEditions, context);
  if (context.formats.has('easy-read')) eleventyConfig.addPlugin(reportEasyRead, context);
  if (context.formats.has('audio')) eleventyConfig.addPlugin(reportAudio, context);
  if (context.formats.has('braille')) eleventyConfig.addPlugin(reportBraille, context);
  if (context.formats.has('epub')) eleventyConfig.addPlugin(reportEpub, context);

  return {
    dir: { input: 'layouts', includes: '_includes', data: '_data' },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
  };
}
