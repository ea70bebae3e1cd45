// npm run bench:server -- [submissions=2000] [connections=20] [--direct]: load test of the form server on loopback,
// behind nginx over TLS as deployed (docs/deploying.md), or straight to the server with --direct.
import { runServerLoad } from '../src/bench/server-load.ts';

const numbers = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const total = Number(numbers[0] ?? 2000);
const connections = Number(numbers[1] ?? 20);
const r = await runServerLoad(total, connections, process.argv.includes('--direct'));
console.log(`${r.total} feedback submissions, ${r.connections} at a time, on loopback, ${r.via}:`);
console.log(`  ${r.requestsPerSecond.toFixed(0)} requests a second; latency p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
console.log(
  `  confirmed (303): ${r.accepted}; stored in SQLite: ${r.stored}; other responses: ${JSON.stringify(r.otherStatuses)}`,
);
if (r.accepted !== r.stored) {
  console.error(`  MISMATCH: ${r.accepted - r.stored} confirmed submissions are not in the database`);
  process.exit(2);
}
console.log('  Every confirmed submission is in the database, and nothing else is.');
