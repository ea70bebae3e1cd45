import { prepareSite } from './src/report/prepare-site.ts';
import { toAudioScript } from './src/formats/audio/script.ts';
import { renderScriptText, renderSsml } from './src/formats/audio/render-script.ts';
for (const dir of ['content', 'tests/fixtures/second-site']) {
  const site = await prepareSite(dir);
  const script = toAudioScript(site.reports[0]!.document, { organisation: site.organisation, otherFormats: ['a web page', 'a large print PDF'] });
  console.log(renderScriptText(script, { directions: true }));
  if (dir !== 'content') console.log(renderSsml(script).slice(0, 2500));
}
