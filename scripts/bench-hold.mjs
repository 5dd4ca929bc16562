// npm run bench:hold — a flash sale through the whole system, measured against PostgreSQL's own
// ceiling for one hot row. Loopback only; stops by itself. Flags: --users --holds-per-user
// --stock --connections --baseline-seconds --skip-baseline.
import path from 'node:path';
import { api, expectStatus, parseFlags, percentile, pool } from './bench/http.mjs';
import { fireHolds } from './bench/fire-holds.mjs';
import { cpuMeter, pidsNamed } from './bench/cpu.mjs';
import { measureBaseline } from './bench/pg-baseline.mjs';
import { BENCH_ADMIN, startBenchSystem } from './bench/system.mjs';
import { ROOT, build, ensureDependencies, ensureInfrastructure } from './lib.mjs';

const flags = parseFlags(process.argv.slice(2), {
  users: 2000,
  holdsPerUser: 4,
  stock: 6000,
  connections: 200,
  baselineSeconds: 5,
  skipBaseline: false,
  skipBuild: false,
  profile: false,
});
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

if (!flags.skipBuild) {
  ensureDependencies();
  ensureInfrastructure();
  build();
}
const { system, teardown } = await startBenchSystem('bench_hold', {
  nodeArgs: flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.run', 'profiles')}`] : [],
});
const admin = BENCH_ADMIN;
const base = system.gatewayUrl;

try {
  const adminToken = (await expectStatus(api(base, 'POST', '/api/auth/login', { body: admin }), 200, 'admin log-in')).accessToken;
  const event = await expectStatus(
    api(base, 'POST', '/api/admin/events', { token: adminToken, body: { title: 'Bench Flash Sale', venue: 'Loopback Arena', status: 'PUBLISHED' } }),
    201,
    'create event',
  );
  const startAt = new Date(Date.now() + 86_400_000).toISOString();
  const session = await expectStatus(
    api(base, 'POST', `/api/admin/events/${event.id}/sessions`, {
      token: adminToken,
      body: { startAt, price: 50_000, currency: 'KRW', totalStock: flags.stock },
    }),
    201,
    'create session',
  );
  await waitForStock(base, adminToken, session.id);

  console.log(`preparing ${flags.users} buyers (sign-up + log-in; argon2id is slow by design, so this is before the clock)`);
  const tokens = new Array(flags.users);
  await pool(flags.users, 8, async (i) => {
    const credentials = { email: `buyer${i}@bench.test`, password: 'Bench-Buyer-2026' };
    await expectStatus(api(base, 'POST', '/api/auth/signup', { body: credentials }), 201, 'sign-up');
    tokens[i] = (await expectStatus(api(base, 'POST', '/api/auth/login', { body: credentials }), 200, 'log-in')).accessToken;
  });

  const total = flags.users * flags.holdsPerUser;
  console.log(`firing ${total} holds of 1 ticket from ${flags.connections} concurrent clients at ${flags.stock} tickets`);
  const children = Object.fromEntries([...system.children].map(([name, child]) => [name, [child.pid]]));
  const cpu = cpuMeter({ ...children, 'load generator': [process.pid], postgres: pidsNamed('postgres'), redis: pidsNamed('redis-server'), nats: pidsNamed('nats-server') });
  // Round-robin over users (request i is user i % users), so every user's 4 holds are spread across the run.
  const { outcomes, latencies, accepted, started, lastAcceptedAt, elapsedMs } = await fireHolds({
    base,
    sessionId: session.id,
    tokens,
    total,
    connections: flags.connections,
  });
  const cpuPerRequest = cpu.report(total);
  latencies.sort((a, b) => a - b);
  const acceptedPerSec = accepted / ((lastAcceptedAt - started) / 1000 || 1);
  console.log(`outcomes: ${JSON.stringify(outcomes)}; all requests done in ${(elapsedMs / 1000).toFixed(2)} s`);
  console.log(`CPU ms per request: ${JSON.stringify(cpuPerRequest)} (sum ${Object.values(cpuPerRequest).reduce((a, b) => a + b, 0).toFixed(2)})`);
  console.log(`latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}`);

  const check = await checkInvariants(base, adminToken, session.id, accepted);
  console.log(`invariants: ${JSON.stringify(check)}`);

  let baselineBest = NaN;
  if (!flags.skipBaseline) {
    await system.stop();
    const baseline = await measureBaseline({ postgresUrl, durationMs: flags.baselineSeconds * 1000 });
    baselineBest = baseline.best;
  }
  const ratio = acceptedPerSec / baselineBest;
  console.log(
    `hold: ${Math.round(acceptedPerSec)} holds/s accepted, baseline ${baselineBest} txn/s (best), ratio ${ratio.toFixed(2)}, p95 ${Math.round(percentile(latencies, 95))} ms, oversell ${check.oversell}`,
  );
} finally {
  await teardown();
}

async function waitForStock(base, token, sessionId) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const sales = await api(base, 'GET', `/api/admin/sessions/${sessionId}/sales?limit=1`, { token });
    if (sales.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the reservation service never received the session (catalog.session.created)');
}

async function checkInvariants(base, token, sessionId, accepted) {
  const perUser = new Map();
  let cursor = '';
  let sales;
  do {
    sales = await expectStatus(api(base, 'GET', `/api/admin/sessions/${sessionId}/sales?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }), 200, 'sales');
    for (const buyer of sales.buyers) {
      if (buyer.status === 'ACTIVE' || buyer.status === 'SOLD') perUser.set(buyer.userId, (perUser.get(buyer.userId) ?? 0) + buyer.quantity);
    }
    cursor = sales.nextCursor ?? '';
  } while (cursor);
  const taken = sales.held + sales.sold;
  return {
    total: sales.total,
    available: sales.available,
    held: sales.held,
    sold: sales.sold,
    conserved: sales.available + sales.held + sales.sold === sales.total,
    acceptedMatchesTaken: accepted === taken,
    usersOver4: [...perUser.values()].filter((n) => n > 4).length,
    oversell: Math.max(0, taken - sales.total),
  };
}
