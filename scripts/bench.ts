// npm run bench -- [reports=100] [runs=5]: prints medians and ratios to the floors. See src/bench/run-bench.ts.
import { formatBench, runBench } from '../src/bench/run-bench.ts';

const reports = Number(process.argv[2] ?? 100);
const runs = Number(process.argv[3] ?? 5);
if (!Number.isInteger(reports) || reports < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('Usage: npm run bench -- [number of reports, default 100] [runs, default 5]');
  process.exit(1);
}
const results = await runBench(reports, runs, (line) => console.log(line));
console.log(formatBench(results.site, `\nSite, ${reports} reports of ~5,000 words (floor: raw Eleventy on the same Markdown)`));
console.log(formatBench(results.pdf, '\nPDFs, large print (reference: Chromium\'s bare page.pdf of the same report)'));
console.log(formatBench(results.audio, '\nAudio (ratios against speech synthesis alone)'));
console.log(formatBench(results.encoders, '\nMP3 encoders on the same speech (ratios against lamejs)'));
