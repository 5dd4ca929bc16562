// npm run drill (through scripts/bench.mjs): the flash sale of bench:sale at a smaller size while
// processes are killed with SIGKILL at random moments and restarted: reservation twice, payment,
// queue, the gateway and NATS once each (NATS is a server of the drill's own, so the machine's is
// never touched). Buyers retry as real clients do (same Idempotency-Key, growing pauses). Then the
// system settles and the same invariant checks run (sale/checks.mjs). Prints per fault what
// happened, and last `drill: <F> faults, <N> invariant breaches`; exits 1 on any breach.
// Flags: --users --tickets --pay-share --admission-rate --hold-ttl-sec --attempts --seed
// --settle-timeout-sec --skip-build.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib.mjs';
import { parseFlags } from './http.mjs';
import { countDeduplicated, runFaults } from './drill/faults.mjs';
import { printSale, writeSaleResults } from './sale/report.mjs';
import { runSale } from './sale/run-sale.mjs';
import { startBenchSystem } from './system.mjs';

const require = createRequire(import.meta.url);
const { startNatsServer } = require(path.join(ROOT, 'packages', 'system-runner'));

const flags = parseFlags(process.argv.slice(2), {
  users: 2000,
  tickets: 500,
  payShare: 0.85,
  admissionRate: 50,
  holdTtlSec: 20,
  attempts: 10,
  seed: 1,
  settleTimeoutSec: 180,
  skipBuild: false,
});
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

console.log("starting a NATS JetStream server of the drill's own");
const nats = await startNatsServer({ storeDir: mkdtempSync(path.join(os.tmpdir(), 'drill-nats-')) });
let teardown = async () => {};
try {
  const drillStartedAt = new Date();
  const started = await startBenchSystem('drill', {
    natsUrl: nats.url,
    envFor: {
      // Consumers log each duplicate they skip at info: the drill counts them.
      reservation: { HOLD_TTL_SEC: String(flags.holdTtlSec), LOG_LEVEL: 'info' },
      catalog: { LOG_LEVEL: 'info' },
      payment: { LOG_LEVEL: 'info' },
    },
  });
  teardown = started.teardown;
  const result = await runSale({
    system: started.system,
    prefix: started.prefix,
    postgresUrl,
    natsUrl: nats.url,
    users: flags.users,
    tickets: flags.tickets,
    payShare: flags.payShare,
    admissionRate: flags.admissionRate,
    attempts: flags.attempts,
    settleTimeoutMs: flags.settleTimeoutSec * 1000,
    whileSelling: (sale) => runFaults({ sale, system: started.system, nats, seed: flags.seed, natsUrl: nats.url }),
  });
  const breaches = [...result.check.breaches];
  if (!result.settled.ok) breaches.push(`the system did not settle in ${flags.settleTimeoutSec} s`);
  for (const fault of result.faults)
    if (!fault.recovered) breaches.push(`${fault.target} did not recover: ${fault.error}`);
  console.log('faults:');
  for (const fault of result.faults)
    console.log(
      `  ${fault.target.padEnd(12)} killed at ${fault.atSecond.toFixed(1)} s: down ${fault.downMs} ms, ` +
        `requests failed while down ${fault.failedRequests}, recovered ${fault.recovered ? `in ${fault.recoverMs} ms` : 'NO'} ` +
        `(gateway ready again after ${fault.gatewayReadyMs ?? '?'} ms), events redelivered ${fault.redelivered}`,
    );
  console.log(`retried requests: ${JSON.stringify(result.requests.retries)}`);
  const deduplicated = countDeduplicated(path.join(ROOT, '.run', 'bench-logs'), drillStartedAt);
  console.log(`events delivered again and skipped by the consumers' inboxes: ${JSON.stringify(deduplicated)}`);
  const files = writeSaleResults('drill', flags, result);
  console.log(printSale(flags, result));
  console.log(`results: ${files.join(', ')}`);
  console.log(`drill: ${result.faults.length} faults, ${breaches.length} invariant breaches`);
  if (breaches.length > 0) {
    for (const breach of breaches) console.log(`  - ${breach}`);
    process.exitCode = 1;
  }
} finally {
  await teardown().catch((error) => console.error(`teardown: ${error.message}`));
  await nats.stop();
}
