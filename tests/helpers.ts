/** Helpers shared by the tests: a report parsed from a Markdown string, and temporary folders. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseReport, type ParsedReport } from '../src/report/parse-report.ts';
import { formatProblem, type Problem } from '../src/report/problems.ts';

export const FILE = 'content/reports/sample/index.md';

/** Front matter that passes, so a test can focus on the body. Takes 5 lines: the body starts on line 6. */
export const VALID_FRONT = '---\ntitle: Sample\nsummary: A sample.\npublished: 2024-01-01\n---\n';

export function parse(body: string, front = VALID_FRONT): ParsedReport {
  const { report, problems } = parseReport(front + body, { slug: 'sample', file: FILE, folder: '/nowhere' });
  if (!report) throw new Error(`fixture did not parse: ${problems.map(formatProblem).join('; ')}`);
  return report;
}

export function messages(problems: readonly Problem[]): string[] {
  return problems.map(formatProblem);
}

/** A fresh folder; `remove` is a plain function (not a method), so it can be handed on as it is. */
export async function tempDir(prefix = 'reports-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export { freePort } from '../src/bench/free-port.ts';
