/**
 * Runs one full build (full-build.ts) in a child process: the live preview and the editor desk's preview and publish
 * jobs all build this way, so a build's working folder and process-wide context never touch the server's process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { OUTCOME_MARKER, type FullBuildOptions, type FullBuildOutcome } from './full-build.ts';

const FULL_BUILD_SCRIPT = path.join(PROJECT_ROOT, 'src', 'preview', 'full-build.ts');

/** Runs full-build.ts in a child process, passing its progress lines to `log`. */
export function runFullBuild(
  options: FullBuildOptions,
  log: (line: string) => void,
  started: (child: ChildProcess) => void,
): Promise<FullBuildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FULL_BUILD_SCRIPT, JSON.stringify(options)], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started(child);
    let outcome: FullBuildOutcome | undefined;
    let pending = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(OUTCOME_MARKER))
          outcome = JSON.parse(line.slice(OUTCOME_MARKER.length)) as FullBuildOutcome;
        else if (line.trim()) log(line);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('close', (code, signal) => {
      resolve(
        outcome ?? {
          ok: false,
          crash: signal
            ? `the build was stopped (${signal})`
            : `the build process ended with code ${code}: ${errors.trim().split('\n').slice(-3).join(' ')}`,
        },
      );
    });
  });
}
