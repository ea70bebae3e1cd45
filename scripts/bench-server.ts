// npm run bench:server -- [submissions=2000] [connections=20]: load test of the form server on loopback only.
import { runServerLoad } from '../src/bench/server-load.ts';

const total = Number(process.argv[2] ?? 2000);
const connections = Number(process.argv[3] ?? 20);
const r = await runServerLoad(total, connections);
console.log(`${r.total} feedback submissions, ${r.connections} at a time, on loopback:`);
console.log(`  ${r.requestsPerSecond.toFixed(0)} requests a second; latency p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
console.log(`  confirmed (303): ${r.accepted}; stored in SQLite: ${r.stored}; other responses: ${JSON.stringify(r.otherStatuses)}`);
if (r.accepted !== r.stored) {
  console.error(`  MISMATCH: ${r.accepted - r.stored} confirmed submissions are not in the database`);
  process.exit(2);
}
console.log('  Every confirmed submission is in the database, and nothing else is.');
