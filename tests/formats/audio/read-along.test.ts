/**
 * Read-along in real Chromium, on the example report's build: the player plays to a time and the sentence being read
 * (by the browser's own WebVTT parser) is the one highlighted, on the audio page and on the easy-read page; the text
 * is one Tab stop, arrow keys move and Enter plays from there; "keep in view" scrolls; and the page passes pa11y and
 * axe while highlighting, and without the script (where the text is plain and nothing is focusable).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { buildSite } from '../../../src/build/build-site.ts';
import { launchBrowser } from '../../../src/checks/site/browser.ts';
import { serveStatic, type RunningServer } from '../../../src/checks/site/static-server.ts';
import { auditLoadedPage } from '../../../src/checks/site/accessibility-gate.ts';
import { tempDir } from '../../helpers.ts';

const AUDIO = '/reports/perinatal-mental-health/audio/';
const EASY = '/reports/perinatal-mental-health/easy-read/';
const context: { out: string; remove: () => Promise<void>; browser?: Browser; server?: RunningServer } = {
  out: '',
  remove: async () => {},
};

const readAlong = suite('read-along');
readAlong.before(async () => {
  const tmp = await tempDir();
  context.out = path.join(tmp.dir, 'site');
  context.remove = tmp.remove;
  // The project's cache: after `npm run build` nothing is spoken or typeset again.
  await buildSite({
    contentDir: path.resolve('content'),
    outputDir: context.out,
    log: () => {},
    formats: ['easy-read', 'audio'],
  });
  context.browser = await launchBrowser();
  context.server = await serveStatic(context.out);
});
readAlong.after(async () => {
  await context.browser?.close();
  await context.server?.close();
  await context.remove();
});

/**
 * A page as a reader gets it. Without the script: its request is refused, which leaves the page exactly as a browser
 * without JavaScript shows it, while pa11y (which runs in the page) still can.
 */
async function open(
  pathname: string,
  options: { script?: boolean; width?: number; reducedMotion?: boolean } = {},
): Promise<Page> {
  const page = await context.browser!.newPage();
  if (options.script === false) {
    await page.setRequestInterception(true);
    page.on(
      'request',
      (request) => void (request.url().endsWith('/read-along.js') ? request.abort() : request.continue()),
    );
  }
  await page.emulateMediaFeatures([
    { name: 'prefers-reduced-motion', value: options.reducedMotion ? 'reduce' : 'no-preference' },
  ]);
  await page.setViewport({ width: options.width ?? 1024, height: 700 });
  await page.goto(context.server!.origin + pathname, { waitUntil: 'load' });
  return page;
}

/** Waits for the cues, moves the player into the middle of cue `index`, and reports what is highlighted. */
async function playTo(
  page: Page,
  index: number,
): Promise<{ cue: string; cueText: string; lit?: string; litText?: string; inView: boolean }> {
  return page.evaluate(async (i) => {
    const player = document.querySelector('audio.player') as HTMLAudioElement;
    const track = player.querySelector('track') as HTMLTrackElement;
    if (track.readyState !== 2) await new Promise((r) => track.addEventListener('load', r, { once: true }));
    const cue = track.track.cues![i] as VTTCue;
    player.currentTime = (cue.startTime + cue.endTime) / 2;
    await new Promise((r) => player.addEventListener('seeked', r, { once: true }));
    await new Promise((r) => setTimeout(r, 300));
    const lit = document.querySelector<HTMLElement>('.is-being-read');
    const box = lit?.getBoundingClientRect();
    return {
      cue: cue.id,
      cueText: cue.text,
      lit: lit?.dataset.cue,
      litText: lit?.textContent?.replace(/\s+/g, ' ').trim(),
      inView: Boolean(box && box.top >= 0 && box.bottom <= innerHeight),
    };
  }, index);
}

readAlong('audio page: the sentence being read is highlighted, and kept in view when the reader asks', async () => {
  // Reduced motion: the page jumps to the sentence instead of scrolling smoothly.
  const page = await open(AUDIO, { width: 320, reducedMotion: true });
  try {
    const cues = await page.$$eval('[data-cue]', (els) => els.length);
    const early = await playTo(page, 3);
    assert.is(early.lit, early.cue);
    assert.is(early.litText, early.cueText);
    await page.click('#read-along-follow');
    const late = await playTo(page, cues - 5);
    assert.is(late.lit, late.cue);
    assert.ok(late.inView, 'scrolled into view');
    const errors = (await auditLoadedPage(page)).filter((i) => i.type === 'error');
    assert.equal(
      errors.map((e) => `${e.code}: ${e.selector}`),
      [],
    );
  } finally {
    await page.close();
  }
});

readAlong(
  'decoded by Chromium, the MP3 has speech inside every cue and silence between cues (the timings are right)',
  async () => {
    for (const pathname of [AUDIO, EASY]) {
      const page = await open(pathname);
      try {
        // No named functions inside: the test runner's compiler would name them with a helper the page does not have.
        const rows = await page.evaluate(async () => {
          const player = document.querySelector('audio.player') as HTMLAudioElement;
          const track = player.querySelector('track') as HTMLTrackElement;
          if (track.readyState !== 2) await new Promise((r) => track.addEventListener('load', r, { once: true }));
          const cues = [...track.track.cues!] as VTTCue[];
          const audio = await new OfflineAudioContext(1, 16000, 16000).decodeAudioData(
            await (await fetch(player.currentSrc)).arrayBuffer(),
          );
          const data = audio.getChannelData(0);
          return cues.map((cue, i) =>
            [
              [cue.startTime, cue.endTime],
              [i ? cues[i - 1]!.endTime + 0.05 : 0, cue.startTime - 0.05],
            ]
              .map(([from, to]) => {
                let sum = 0;
                const first = Math.floor(from! * audio.sampleRate);
                const last = Math.floor(to! * audio.sampleRate);
                for (let k = first; k < last; k++) sum += data[k]! ** 2;
                return 10 * Math.log10(sum / Math.max(1, last - first) + 1e-12);
              })
              .concat(i),
          );
        });
        assert.ok(rows.length > 20, pathname);
        for (const [speech, gap, i] of rows) {
          assert.ok(speech! > -26 && speech! < -16, `${pathname} cue ${i}: speech at ${speech!.toFixed(1)} dBFS`);
          assert.ok(gap! < -60, `${pathname} before cue ${i}: ${gap!.toFixed(1)} dBFS where there should be silence`);
        }
      } finally {
        await page.close();
      }
    }
  },
);

readAlong('easy-read page: the point being read is highlighted', async () => {
  const page = await open(EASY);
  try {
    const state = await playTo(page, 12);
    assert.ok(state.lit?.split(' ').includes(state.cue), `${state.cue} in "${state.lit}"`);
    assert.match(state.litText ?? '', state.cueText);
    const errors = (await auditLoadedPage(page)).filter((i) => i.type === 'error');
    assert.equal(
      errors.map((e) => `${e.code}: ${e.selector}`),
      [],
    );
  } finally {
    await page.close();
  }
});

readAlong('keyboard: the text is one Tab stop; arrows move; Enter plays from that sentence', async () => {
  const page = await open(AUDIO);
  try {
    assert.is(await page.$$eval('[data-read-along] [tabindex="0"]', (els) => els.length), 1);
    await page.focus('[data-cue="s1"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 300));
    const state = await page.evaluate(() => {
      const player = document.querySelector('audio.player') as HTMLAudioElement;
      const s3 = [...player.querySelector('track')!.track.cues!].find((c) => c.id === 's3')!;
      return {
        focused: (document.activeElement as HTMLElement).dataset.cue,
        time: player.currentTime,
        start: s3.startTime,
        end: s3.endTime,
        lit: document.querySelector<HTMLElement>('.is-being-read')?.dataset.cue,
      };
    });
    assert.is(state.focused, 's3');
    assert.is(state.lit, 's3');
    assert.ok(state.time >= state.start && state.time < state.end, JSON.stringify(state));
  } finally {
    await page.close();
  }
});

readAlong('without the script: the full text, nothing focusable added, and the page passes the checks', async () => {
  for (const pathname of [AUDIO, EASY]) {
    const page = await open(pathname, { script: false });
    try {
      const state = await page.evaluate(() => ({
        cues: document.querySelectorAll('[data-cue]').length,
        focusable: document.querySelectorAll('[data-cue][tabindex]').length,
        controls: document.querySelectorAll('.read-along-controls').length,
      }));
      assert.ok(state.cues > 10, pathname);
      assert.equal([state.focusable, state.controls], [0, 0], pathname);
      const errors = (await auditLoadedPage(page)).filter((i) => i.type === 'error');
      assert.equal(
        errors.map((e) => `${e.code}: ${e.selector}`),
        [],
        pathname,
      );
    } finally {
      await page.close();
    }
  }
});
readAlong.run();
