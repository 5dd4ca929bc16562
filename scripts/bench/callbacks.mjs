// npm run bench:callbacks (through scripts/bench.mjs): the payment provider's webhooks arrive
// through the gateway, each for a distinct payment, signed as the provider signs them. Loopback
// only; stops by itself. Before the clock: buyers hold and check out (one payment each, created at
// the sandbox provider). Prints callbacks/s, p50/p95/p99 and CPU per callback by process, then
// checks every payment SUCCEEDED and every hold SOLD; then the plain-pg baseline of the same work
// (pg-callback-baseline.mjs). Flags: --payments --connections --skip-build --baseline-seconds
// --skip-baseline --profile (CPU profiles of every process; the firing window is printed for
// profile-summary.mjs).
// Aim (issue 12): at least 500 callbacks/s on a 2-core machine (the seed's peak is 100 a second).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../lib.mjs';
import { cpuMeter, pidsNamed } from './cpu.mjs';
import { fireRequests } from './fire-requests.mjs';
import { measureBaseline } from './pg-baseline.mjs';
import { CALLBACK_WORKLOAD } from './pg-callback-baseline.mjs';
import { api, expectStatus, parseFlags, percentile, pool } from './http.mjs';
import { createEvent, createSession, prepareBuyers } from './sale-setup.mjs';
import { BENCH_ADMIN, startBenchSystem } from './system.mjs';

const require = createRequire(import.meta.url);
const { signWebhook } = require(path.join(ROOT, 'packages', 'webhook-signature'));

const flags = parseFlags(process.argv.slice(2), {
  payments: 2000,
  connections: 100,
  skipBuild: false,
  profile: false,
  baselineSeconds: 5,
  skipBaseline: false,
});
const AIM_PER_SEC = 500;
const PER_BUYER = 4;
const secret = randomBytes(32).toString('base64url');

const { system, teardown } = await startBenchSystem('bench_callbacks', {
  env: { PAYMENT_WEBHOOK_SECRET: secret },
  nodeArgs: flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.run', 'profiles')}`] : [],
});
const base = system.gatewayUrl;
try {
  const admin = await expectStatus(api(base, 'POST', '/api/auth/login', { body: BENCH_ADMIN }), 200, 'admin log-in');
  const event = await createEvent(base, admin.accessToken);
  const session = await createSession(base, admin.accessToken, event.id, flags.payments);
  const buyers = await prepareBuyers(base, 'payer', Math.ceil(flags.payments / PER_BUYER));
  console.log(`preparing ${flags.payments} payments (hold + checkout each, before the clock)`);
  const payments = new Array(flags.payments);
  await pool(flags.payments, 16, async (i) => {
    const token = buyers[Math.floor(i / PER_BUYER)];
    const headers = { 'idempotency-key': `bench-${i}` };
    const body = { sessionId: session.id, quantity: 1 };
    const hold = await expectStatus(api(base, 'POST', '/api/reservations/hold', { token, headers, body }), 201, 'hold');
    const checkout = await expectStatus(
      api(base, 'POST', '/api/payments/checkout', { token, headers, body: { holdId: hold.holdId, method: 'CARD' } }),
      201,
      'checkout',
    );
    const pgPaymentId = checkout.paymentSessionUrl.split('/').pop();
    payments[i] = {
      token,
      paymentId: checkout.paymentId,
      pgPaymentId,
      amount: checkout.amount,
      currency: checkout.currency,
    };
  });

  const cpu = cpuMeter({
    ...Object.fromEntries([...system.children].map(([name, child]) => [name, [child.pid]])),
    'load generator': [process.pid],
    postgres: pidsNamed('postgres'),
    nats: pidsNamed('nats-server'),
  });
  console.log(`firing ${flags.payments} signed SUCCESS callbacks from ${flags.connections} clients`);
  const firingFromUs = process.hrtime.bigint() / 1000n;
  const run = await fireRequests({
    base,
    method: 'POST',
    path: '/api/payments/callback',
    total: flags.payments,
    connections: flags.connections,
    ok: 200,
    requestFor: (i) => {
      const { pgPaymentId, amount, currency } = payments[i];
      const body = JSON.stringify({ pgPaymentId, status: 'SUCCESS', amount, currency });
      const signature = signWebhook(secret, body, Math.floor(Date.now() / 1000));
      return { headers: { 'content-type': 'application/json', 'x-signature': signature }, body };
    },
  });
  const cpuPerCallback = cpu.report(flags.payments);
  // The callbacks' answers come before the sales they cause: wait until every hold is SOLD, and
  // count the CPU of that too, so work pushed past the firing window is not left out.
  const settled = await settle(base, admin.accessToken, session.id, flags.payments);
  const cpuWithSales = cpu.report(flags.payments);
  if (flags.profile)
    console.log(`profile window: --from-us ${firingFromUs} --to-us ${process.hrtime.bigint() / 1000n}`);
  const latencies = run.latencies.sort((a, b) => a - b);
  const perSec = run.accepted / (run.elapsedMs / 1000);
  console.log(`outcomes: ${JSON.stringify(run.outcomes)} in ${(run.elapsedMs / 1000).toFixed(2)} s`);
  const cpuSum = Object.values(cpuPerCallback).reduce((a, b) => a + b, 0);
  console.log(`CPU ms per callback: ${JSON.stringify(cpuPerCallback)} (sum ${cpuSum.toFixed(2)})`);
  const salesSum = Object.values(cpuWithSales).reduce((a, b) => a + b, 0);
  console.log(
    `sales settled: ${settled.sold} of ${flags.payments} SOLD ${(settled.afterMs / 1000).toFixed(2)} s after the last answer; ` +
      `CPU ms per callback including the sales: ${JSON.stringify(cpuWithSales)} (sum ${salesSum.toFixed(2)})`,
  );
  console.log(
    `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}`,
  );
  let succeeded = 0;
  await pool(flags.payments, 16, async (i) => {
    const answer = await api(base, 'GET', `/api/payments/${payments[i].paymentId}`, { token: payments[i].token });
    if (answer.body?.status === 'SUCCEEDED') succeeded++;
  });
  console.log(
    `callbacks: ${Math.round(perSec)}/s (aim ${AIM_PER_SEC}: ${perSec >= AIM_PER_SEC ? 'met' : 'NOT met'}), p95 ${Math.round(percentile(latencies, 95))} ms, ${succeeded} of ${flags.payments} payments SUCCEEDED`,
  );
  if (!flags.skipBaseline) {
    const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const baseline = await measureBaseline({
      postgresUrl,
      workload: CALLBACK_WORKLOAD,
      clientCounts: [8, 32, 100],
      durationMs: flags.baselineSeconds * 1000,
    });
    console.log(
      `baseline (plain pg, one transaction per callback): best ${baseline.best} txn/s; ratio ${(perSec / baseline.best).toFixed(2)}`,
    );
  }
  if (succeeded !== flags.payments || settled.sold !== flags.payments) process.exitCode = 1;
} finally {
  await teardown();
}

/** Polls the session's sales until `expected` tickets are sold (or 120 s pass). */
async function settle(base, adminToken, sessionId, expected) {
  const started = Date.now();
  for (;;) {
    const sales = await api(base, 'GET', `/api/admin/sessions/${sessionId}/sales`, { token: adminToken });
    const sold = sales.body?.sold ?? 0;
    if (sold >= expected || Date.now() - started > 120_000) return { sold, afterMs: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
