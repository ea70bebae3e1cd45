/**
 * Has Orca read pages in a real Chromium on the screen-reader desktop. Each page gets a fresh Chromium window (not
 * headless, its accessibility tree on), opened at the page's address: Orca reads a page by itself when it finishes
 * loading in a newly active window ("say all on load"), which a page navigated to in an old window does not get.
 * Reading is done when no new utterance has come for a few seconds. What counts is from Orca's "Finished loading"
 * onward: the window title it announces before that races with the load. The page's visible text comes from a
 * headless Chromium of the same build.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { CHROMIUM_ARGS, launchBrowser } from '../site/browser.ts';
import type { Desktop } from './desktop.ts';

export interface Reading {
  url: string;
  /** Orca's utterances from "Finished loading" to the end of its reading. */
  utterances: string[];
  /** The page's visible text, as the browser lays it out (innerText). */
  visibleText: string;
  /** Its accessible names that are not visible text: alt text, aria-label, title. */
  names: string[];
  seconds: number;
}

export interface Listener {
  read(url: string): Promise<Reading>;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const LISTEN_DEFAULTS = { quietMs: 3000, maxMs: 120_000 };
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

export async function startListener(desktop: Desktop, options = LISTEN_DEFAULTS): Promise<Listener> {
  const headless: Browser = await launchBrowser();
  return {
    async read(url) {
      const started = Date.now();
      const profile = await mkdtemp(path.join(os.tmpdir(), 'screen-reader-chromium-'));
      const before = (await desktop.spoken()).length;
      const chromium = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--force-renderer-accessibility', '--window-size=1280,1000', `--user-data-dir=${profile}`, url], { env: desktop.env, stdio: 'ignore' });
      try {
        let count = before;
        let quietSince = Date.now();
        let finished = false;
        while (Date.now() - started < options.maxMs) {
          await sleep(250);
          const said = await desktop.spoken();
          if (said.length !== count) {
            count = said.length;
            quietSince = Date.now();
            finished ||= said.slice(before).some((u) => u.startsWith('Finished loading'));
          } else if (finished && Date.now() - quietSince >= options.quietMs) break;
        }
        const said = (await desktop.spoken()).slice(before);
        const from = said.findIndex((u) => u.startsWith('Finished loading'));
        const page = await headless.newPage();
        await page.goto(url, { waitUntil: 'load' });
        const visibleText = await page.evaluate(() => document.body.innerText);
        const names = await page.evaluate(() => [...document.querySelectorAll('[alt], [aria-label], [title]')]
          .flatMap((e) => [e.getAttribute('alt'), e.getAttribute('aria-label'), e.getAttribute('title')])
          .filter((n): n is string => Boolean(n)));
        await page.close();
        return { url, utterances: from >= 0 ? said.slice(from) : [], visibleText, names, seconds: (Date.now() - started) / 1000 };
      } finally {
        chromium.kill('SIGTERM');
        await new Promise((resolve) => (chromium.exitCode !== null ? resolve(undefined) : chromium.once('exit', resolve)));
        await rm(profile, { recursive: true, force: true });
      }
    },
    close: () => headless.close(),
  };
}
