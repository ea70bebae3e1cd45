/**
 * Has Orca read pages in a real Chromium on the screen-reader desktop. Each page gets a fresh Chromium window (not
 * headless, its accessibility tree on), opened at the page's address: Orca reads a page by itself when it finishes
 * loading in a newly active window ("say all on load"), which a page navigated to in an old window does not get.
 * Reading is done when no new utterance has come for a few seconds. What counts is from Orca's "Finished loading"
 * onward: the window title it announces before that races with the load. The page's visible text comes from a
 * headless Chromium of the same build.
 */
import { execFileSync, spawn } from 'node:child_process';
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
  /** Orca reads a PDF in Chromium's viewer, from its first page. */
  readPdf(url: string): Promise<Pick<Reading, 'url' | 'utterances' | 'seconds'>>;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const LISTEN_DEFAULTS = { quietMs: 3000, maxMs: 120_000 };
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

/** Waits until Orca has said `start` (a line it begins with) and then nothing new for quietMs; returns all said since `from`. */
async function untilQuiet(
  desktop: Desktop,
  from: number,
  start: (u: string) => boolean,
  options: typeof LISTEN_DEFAULTS,
  started: number,
): Promise<string[]> {
  let count = from;
  let quietSince = Date.now();
  let begun = false;
  while (Date.now() - started < options.maxMs) {
    await sleep(250);
    const said = await desktop.spoken();
    if (said.length !== count) {
      count = said.length;
      quietSince = Date.now();
      begun ||= said.slice(from).some(start);
    } else if (begun && Date.now() - quietSince >= options.quietMs) break;
  }
  return (await desktop.spoken()).slice(from);
}

/** Sends a signal to a process group; whether any process of it was there to receive it. */
function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

/** A fresh Chromium window at `url` on the desktop, closed (by its process id) after `use`. */
async function inWindow<T>(desktop: Desktop, url: string, use: () => Promise<T>): Promise<T> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'screen-reader-chromium-'));
  // Its own process group, so the browser's helper processes are stopped with it (by the group's id).
  const chromium = spawn(
    CHROMIUM,
    [...CHROMIUM_ARGS, '--force-renderer-accessibility', '--window-size=1280,1000', `--user-data-dir=${profile}`, url],
    { env: desktop.env, stdio: 'ignore', detached: true },
  );
  const group = chromium.pid;
  try {
    return await use();
  } finally {
    const exited = new Promise((resolve) =>
      chromium.exitCode !== null ? resolve(undefined) : chromium.once('exit', resolve),
    );
    if (group) signalGroup(group, 'SIGTERM');
    await exited;
    for (let i = 0; i < 20 && group && signalGroup(group, 0); i++) await sleep(100);
    if (group) signalGroup(group, 'SIGKILL');
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

export async function startListener(desktop: Desktop, options = LISTEN_DEFAULTS): Promise<Listener> {
  const headless: Browser = await launchBrowser();
  return {
    async read(url) {
      const started = Date.now();
      const before = (await desktop.spoken()).length;
      const said = await inWindow(desktop, url, () =>
        untilQuiet(desktop, before, (u) => u.startsWith('Finished loading'), options, started),
      );
      const from = said.findIndex((u) => u.startsWith('Finished loading'));
      const page = await headless.newPage();
      await page.goto(url, { waitUntil: 'load' });
      // What a screen reader may say: the page's text less what is hidden from it (aria-hidden: CodeMirror's line
      // numbers, decorative marks), which innerText would count.
      const visibleText = await page.evaluate(() => {
        for (const hidden of document.querySelectorAll<HTMLElement>('[aria-hidden="true"]'))
          hidden.style.display = 'none';
        return document.body.innerText;
      });
      const names = await page.evaluate(() => [
        ...[...document.querySelectorAll('[alt], [aria-label], [title]')]
          .flatMap((e) => [e.getAttribute('alt'), e.getAttribute('aria-label'), e.getAttribute('title')])
          .filter((n): n is string => Boolean(n)),
        // What form controls show, which innerText leaves out: a text box's text, and Chromium's words in an empty
        // file chooser.
        ...[...document.querySelectorAll('textarea, input')].map((e) =>
          e instanceof HTMLInputElement && e.type === 'file'
            ? 'No file chosen'
            : e instanceof HTMLInputElement && e.type === 'hidden'
              ? ''
              : (e as HTMLInputElement | HTMLTextAreaElement).value,
        ),
      ]);
      await page.close();
      return {
        url,
        utterances: from >= 0 ? said.slice(from) : [],
        visibleText,
        names,
        seconds: (Date.now() - started) / 1000,
      };
    },
    async readPdf(url) {
      const started = Date.now();
      return inWindow(desktop, url, async () => {
        // Chromium's PDF viewer does not start reading by itself: "Say all" (KP_Add in Orca's desktop layout) does,
        // from the toolbar; the document's own text starts at its first page ("Page 1").
        await untilQuiet(
          desktop,
          (await desktop.spoken()).length,
          (u) => u.startsWith('Finished loading'),
          { ...options, quietMs: 1500 },
          started,
        );
        await sleep(1000);
        const mark = (await desktop.spoken()).length;
        execFileSync('/usr/bin/xdotool', ['key', 'KP_Add'], { env: desktop.env });
        const said = await untilQuiet(desktop, mark, (u) => u === 'Page 1', options, Date.now());
        const from = said.indexOf('Page 1');
        return { url, utterances: from >= 0 ? said.slice(from) : [], seconds: (Date.now() - started) / 1000 };
      });
    },
    close: () => headless.close(),
  };
}
