// npm run bench -- [reports=100] [runs=5]: prints medians and ratios to raw Eleventy. See src/bench/run-bench.ts.
import { formatBench, runBench } from '../src/bench/run-bench.ts';

const reports = Number(process.argv[2] ?? 100);
const runs = Number(process.argv[3] ?? 5);
if (!Number.isInteger(reports) || reports < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('Usage: npm run bench -- [number of reports, default 100] [runs, default 5]');
  process.exit(1);
}
const results = await runBench(reports, runs, (line) => console.log(line));
console.log(formatBench(results, reports));
