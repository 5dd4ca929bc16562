// npm run bench:sale (through scripts/bench.mjs): a whole flash sale through the gateway on this
// machine. Buyers log in before the clock; at T0 every one enters a queued session's waiting room,
// follows its place, holds 1 to 4 tickets when admitted and pays at the sandbox provider (a share
// fail the payment or walk away and let the hold expire). Then it waits for the system to settle
// and checks every invariant from the API and the databases (sale/checks.mjs), failing loudly.
// Loopback only; stops by itself. Writes bench/results/sale-<time>.json and .svg (requests/s by
// outcome and p95 over time). Flags: --users --tickets --pay-share --admission-rate (per second)
// --hold-ttl-sec --attempts (per request, retries of network errors and 502/503/504 included)
// --settle-timeout-sec --skip-build.
// Targets (issue 15): oversell 0 and lost events 0 in every run; p95 < 300 ms for each request type
// outside the queue wait; 5xx < 0.5%; issue-to-payment success > 85% for buyers who reach a hold.
import { writeSaleResults, printSale } from './sale/report.mjs';
import { runSale } from './sale/run-sale.mjs';
import { parseFlags } from './http.mjs';
import { startBenchSystem } from './system.mjs';

const flags = parseFlags(process.argv.slice(2), {
  users: 10_000,
  tickets: 1000,
  payShare: 0.85,
  admissionRate: 100,
  holdTtlSec: 30,
  attempts: 3,
  settleTimeoutSec: 180,
  skipBuild: false,
});
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = 'nats://127.0.0.1:4222';

const { system, prefix, teardown } = await startBenchSystem('bench_sale', {
  // Walked-away holds come back after the TTL; shorter than the default 2 minutes, so a run settles sooner.
  envFor: { reservation: { HOLD_TTL_SEC: String(flags.holdTtlSec) } },
});
try {
  const result = await runSale({
    system,
    prefix,
    postgresUrl,
    natsUrl,
    users: flags.users,
    tickets: flags.tickets,
    payShare: flags.payShare,
    admissionRate: flags.admissionRate,
    attempts: flags.attempts,
    settleTimeoutMs: flags.settleTimeoutSec * 1000,
  });
  const files = writeSaleResults('sale', flags, result);
  const line = printSale(flags, result);
  console.log(`results: ${files.join(', ')}`);
  console.log(line);
  if (result.check.breaches.length > 0 || !result.settled.ok) process.exitCode = 1;
} finally {
  await teardown();
}
