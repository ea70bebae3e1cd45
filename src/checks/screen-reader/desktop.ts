/**
 * A desktop with a screen reader, for the screen-reader check: a virtual display (Xvfb), a D-Bus session, the
 * accessibility bus (AT-SPI) and GNOME's Orca with fresh preferences, every utterance it makes written to a file
 * (orca-logged.py). Debian packages: orca xvfb dbus-x11 at-spi2-core python3-pyatspi xdotool (npm run setup installs them).
 * Every process is stopped by its id, never by name, so a person's own Orca is left alone.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ORCA_LOGGED = path.join(path.dirname(fileURLToPath(import.meta.url)), 'orca-logged.py');
const NEEDED = [
  { program: '/usr/bin/Xvfb', pkg: 'xvfb' },
  { program: '/usr/bin/dbus-launch', pkg: 'dbus-x11' },
  { program: '/usr/libexec/at-spi-bus-launcher', pkg: 'at-spi2-core' },
  { program: '/usr/bin/orca', pkg: 'orca' },
  { program: '/usr/bin/xdotool', pkg: 'xdotool' },
];

export class ScreenReaderMissingError extends Error {
  constructor(packages: readonly string[]) {
    super(
      `The screen-reader check needs Debian's ${packages.join(', ')}: run npm run setup (or apt-get install ${packages.join(' ')}).`,
    );
  }
}

export interface Desktop {
  /** Environment for programs that should be seen by Orca (DISPLAY, the D-Bus session). */
  env: NodeJS.ProcessEnv;
  /** Everything Orca has said so far, one utterance a line. */
  spoken(): Promise<string[]>;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A display number no X server holds. */
function freeDisplay(): number {
  for (let n = 90; n < 200; n++) if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
  throw new Error('no free X display number between :90 and :199');
}

async function waitFor(test: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await test()) return;
    await sleep(100);
  }
  throw new Error(`the screen-reader desktop did not start: ${what} (waited ${ms / 1000} s)`);
}

export async function startDesktop(): Promise<Desktop> {
  const missing = NEEDED.filter((n) => !existsSync(n.program)).map((n) => n.pkg);
  if (missing.length) throw new ScreenReaderMissingError(missing);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'screen-reader-'));
  const children: ChildProcess[] = [];
  let dbusPid: number | undefined;
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
    if (dbusPid) {
      try {
        process.kill(dbusPid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await sleep(300);
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const display = freeDisplay();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DISPLAY: `:${display}`,
      HOME: dir,
      XDG_CONFIG_HOME: dir,
      XDG_DATA_HOME: dir,
      XDG_CACHE_HOME: dir,
      XDG_RUNTIME_DIR: dir,
      NO_AT_BRIDGE: '0',
      GTK_MODULES: 'gail:atk-bridge',
    };
    children.push(
      spawn('/usr/bin/Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' }),
    );
    await waitFor(() => existsSync(`/tmp/.X11-unix/X${display}`), 10_000, 'Xvfb');
    const dbus = execFileSync('/usr/bin/dbus-launch', ['--sh-syntax'], { env, encoding: 'utf8' });
    const address = /DBUS_SESSION_BUS_ADDRESS='([^']+)'/.exec(dbus)?.[1];
    dbusPid = Number(/DBUS_SESSION_BUS_PID=(\d+)/.exec(dbus)?.[1]) || undefined;
    if (!address) throw new Error(`the screen-reader desktop did not start: dbus-launch said "${dbus.trim()}"`);
    env.DBUS_SESSION_BUS_ADDRESS = address;
    children.push(spawn('/usr/libexec/at-spi-bus-launcher', ['--launch-immediately'], { env, stdio: 'ignore' }));
    await sleep(500);
    const log = path.join(dir, 'speech.log');
    const orcaOutput = openSync(path.join(dir, 'orca-output.log'), 'w');
    const orca = spawn('/usr/bin/python3', [ORCA_LOGGED, log, '-u', path.join(dir, 'orca-prefs')], {
      env,
      stdio: ['ignore', orcaOutput, orcaOutput],
    });
    children.push(orca);
    const spoken = async (): Promise<string[]> => {
      const text = await readFile(log, 'utf8').catch(() => '');
      // An utterance may hold a line break, so split on the prefix rather than on lines.
      return text
        .split(/^SPEECH OUTPUT: '/m)
        .slice(1)
        .map((u) => u.replace(/'(?: voice=\w+)?\s*$/, ''));
    };
    // Orca takes a few seconds to start, far more on a busy machine.
    await waitFor(
      async () => (await spoken()).includes('Screen reader on.') || orca.exitCode !== null,
      90_000,
      'Orca did not say "Screen reader on."',
    ).catch(async (err: Error) => {
      throw new Error(
        `${err.message}; Orca's output: ${(await readFile(path.join(dir, 'orca-output.log'), 'utf8').catch(() => '')).trim().split('\n').slice(-5).join(' | ') || '(none)'}`,
      );
    });
    if (orca.exitCode !== null) {
      throw new Error(
        `Orca stopped as it started (exit ${orca.exitCode}): ${(await readFile(path.join(dir, 'orca-output.log'), 'utf8')).trim().split('\n').slice(-5).join(' | ')}`,
      );
    }
    return { env, spoken, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
