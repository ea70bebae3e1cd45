/**
 * The one Chromium a run uses (Debian's, see .puppeteerrc.cjs), launched with the flags this machine needs.
 * Whoever launches it closes it, in `finally`.
 */
import puppeteer, { type Browser } from 'puppeteer';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `extraArgs`: for tests only, such as accepting the certificate a test made for nginx. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return puppeteer.launch({ headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
