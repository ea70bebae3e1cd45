// npm run bench -- [reports=100] [runs=5] [parts=site,pdf,audio,encoders,braille,epub,staff,editor,phone]: prints medians and ratios to the floors.
// See src/bench/run-bench.ts.
import { BENCH_PARTS, formatBench, runBench, type BenchPart } from '../src/bench/run-bench.ts';

const reports = Number(process.argv[2] ?? 100);
const runs = Number(process.argv[3] ?? 5);
const parts = (process.argv[4] ?? BENCH_PARTS.join(',')).split(',');
if (
  !Number.isInteger(reports) ||
  reports < 1 ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  !parts.every((p) => (BENCH_PARTS as readonly string[]).includes(p))
) {
  console.error(
    `Usage: npm run bench -- [number of reports, default 100] [runs, default 5] [parts, default ${BENCH_PARTS.join(',')}]`,
  );
  process.exit(1);
}
const chosen = new Set(parts as BenchPart[]);
const results = await runBench(reports, runs, (line) => console.log(line), chosen);
const titles: Record<BenchPart, string> = {
  site: `\nSite, ${reports} reports of ~5,000 words (floor: raw Eleventy on the same Markdown)`,
  pdf: "\nPDFs, large print (reference: Chromium's bare page.pdf of the same report)",
  audio: '\nAudio (ratios against speech synthesis alone)',
  encoders: '\nMP3 encoders on the same speech (ratios against lamejs)',
  braille: '\nBraille (BRF), both grades (ratio against the median)',
  epub: '\nEPUB 3 with page list and overlays (ratios against the standard PDF of the same report)',
  staff: "\nStaff desk (argon2id against OWASP's minimum; pages against the sign-in page, with 10,000 requests stored)",
  editor: '\nEditor desk, website only (against a no-change build of the same site in the same run)',
  phone:
    '\nReport pages on a phone (screens to the first paragraph, KB over the wire before any audio; ratios to the targets)',
};
for (const part of BENCH_PARTS) if (chosen.has(part)) console.log(formatBench(results[part], titles[part]));
