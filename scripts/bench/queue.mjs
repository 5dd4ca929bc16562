// npm run bench:queue (through scripts/bench.mjs): a crowd enters one session's waiting room at
// once through the gateway. Loopback only; stops by itself. Buyers sign up and log in before the
// clock (argon2id is slow by design). Prints entries/s, p50/p95/p99 and CPU per entry by process,
// and checks that the places given are exactly 1..N. Flags: --users --connections --skip-build,
// --profile (CPU profiles of every process; the firing window is printed for profile-summary.mjs).
// Target (issue 11): at least 5,000 entries/s on a 2-core machine.
import path from 'node:path';
import { ROOT } from '../lib.mjs';
import { expectStatus, api, parseFlags, percentile } from './http.mjs';
import { cpuMeter, pidsNamed } from './cpu.mjs';
import { fireRequests } from './fire-requests.mjs';
import { createEvent, createSession, prepareBuyers } from './sale-setup.mjs';
import { BENCH_ADMIN, startBenchSystem } from './system.mjs';

const flags = parseFlags(process.argv.slice(2), { users: 10_000, connections: 200, skipBuild: false, profile: false });
const TARGET_PER_SEC = 5000;

const { system, teardown } = await startBenchSystem('bench_queue', {
  nodeArgs: flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.run', 'profiles')}`] : [],
});
const base = system.gatewayUrl;
try {
  const admin = await expectStatus(api(base, 'POST', '/api/auth/login', { body: BENCH_ADMIN }), 200, 'admin log-in');
  const event = await createEvent(base, admin.accessToken);
  // The queue's defaults: admission at 50 a second, room for 100,000.
  const session = await createSession(base, admin.accessToken, event.id, 1000, { queueEnabled: true });
  console.log(`preparing ${flags.users} buyers (sign-up + log-in, before the clock)`);
  const tokens = await prepareBuyers(base, 'queuer', flags.users);

  const body = JSON.stringify({ sessionId: session.id });
  const places = [];
  const cpu = cpuMeter({
    ...Object.fromEntries([...system.children].map(([name, child]) => [name, [child.pid]])),
    'load generator': [process.pid],
    redis: pidsNamed('redis-server'),
    nats: pidsNamed('nats-server'),
  });
  console.log(`${flags.users} buyers enter at once from ${flags.connections} clients`);
  const firingFromUs = process.hrtime.bigint() / 1000n;
  const run = await fireRequests({
    base,
    method: 'POST',
    path: '/api/queue/token',
    total: flags.users,
    connections: flags.connections,
    ok: 201,
    requestFor: (i) => ({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
      body,
    }),
    onAccepted: (answer) => places.push(JSON.parse(answer).position),
  });
  const cpuPerEntry = cpu.report(flags.users);
  if (flags.profile)
    console.log(`profile window: --from-us ${firingFromUs} --to-us ${process.hrtime.bigint() / 1000n}`);
  const latencies = run.latencies.sort((a, b) => a - b);
  const perSec = run.accepted / (run.elapsedMs / 1000);
  places.sort((a, b) => a - b);
  const exact = places.length === flags.users && places.every((place, i) => place === i + 1);

  console.log(`outcomes: ${JSON.stringify(run.outcomes)} in ${(run.elapsedMs / 1000).toFixed(2)} s`);
  const cpuSum = Object.values(cpuPerEntry).reduce((a, b) => a + b, 0);
  console.log(`CPU ms per entry: ${JSON.stringify(cpuPerEntry)} (sum ${cpuSum.toFixed(2)})`);
  console.log(
    `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}`,
  );
  console.log(`places: ${places.length} given, exactly 1..${flags.users}: ${exact ? 'yes' : 'NO'}`);
  console.log(
    `queue: ${Math.round(perSec)} entries/s (target ${TARGET_PER_SEC}: ${perSec >= TARGET_PER_SEC ? 'met' : 'NOT met'}), p95 ${Math.round(percentile(latencies, 95))} ms, places exact ${exact ? 'yes' : 'NO'}`,
  );
  if (!exact) process.exitCode = 1;
} finally {
  await teardown();
}
