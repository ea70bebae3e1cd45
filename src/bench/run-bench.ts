/**
 * The benchmark: medians of several runs of each stage on the same synthetic corpus, each with its ratio to the floor
 * (raw Eleventy turning the same Markdown into HTML with no layout, checks or images), measured in the same run.
 */
import Eleventy from '@11ty/eleventy';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeCorpus } from './corpus.ts';
import { buildSite } from '../build/build-site.ts';
import { loadSite } from '../report/load-site.ts';
import { checkSite } from '../checks/content-checks.ts';

export interface StageResult { name: string; runsSeconds: number[]; median: number; ratio: number }

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

export async function runBench(reports: number, runs: number, log: (line: string) => void): Promise<StageResult[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'reports-bench-'));
  try {
    const content = path.join(root, 'content');
    log(`Writing ${reports} synthetic reports of ~5,000 words to ${content}…`);
    await writeCorpus(content, reports);
    const emptyConfig = path.join(root, 'raw-eleventy.config.mjs');
    await writeFile(emptyConfig, 'export default function () {}\n');

    const stages: Array<[string, () => Promise<unknown>]> = [
      ['raw Eleventy (floor)', () => {
        const raw = new Eleventy(path.join(content, 'reports'), path.join(root, 'raw-out'), { quietMode: true, configPath: emptyConfig });
        raw.logger.overrideLogger(false);
        return raw.write();
      }],
      ['content checks alone', async () => checkSite(await loadSite(content))],
      ['our HTML build', () => buildSite({ contentDir: content, outputDir: path.join(root, 'site') })],
    ];
    // One untimed warm-up of each stage: module loading and the image cache are not what we compare.
    for (const [, fn] of stages) await fn();
    // Guard against measuring nothing: every stage must have made every page.
    for (const dir of ['raw-out', 'site']) {
      const pages = await readdir(path.join(root, dir, ...(dir === 'site' ? ['reports'] : [])));
      if (pages.filter((p) => p.startsWith('report-')).length !== reports) throw new Error(`${dir} holds ${pages.length} reports, not ${reports}`);
    }
    const timings = new Map<string, number[]>(stages.map(([name]) => [name, []]));
    for (let run = 1; run <= runs; run++) {
      for (const [name, fn] of stages) timings.get(name)!.push(await time(fn));
      log(`  run ${run}/${runs} done`);
    }
    const floor = median(timings.get('raw Eleventy (floor)')!);
    return stages.map(([name]) => {
      const runsSeconds = timings.get(name)!;
      return { name, runsSeconds, median: median(runsSeconds), ratio: median(runsSeconds) / floor };
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function formatBench(results: readonly StageResult[], reports: number): string {
  const rows = results.map((r) => `${r.name.padEnd(22)} ${r.median.toFixed(2).padStart(7)} s   ${r.ratio.toFixed(2).padStart(5)}×   ${(r.median / reports * 1000).toFixed(1).padStart(6)} ms/report   runs: ${r.runsSeconds.map((s) => s.toFixed(2)).join(', ')}`);
  return [`stage                   median   vs floor   per report      `, ...rows].join('\n');
}
