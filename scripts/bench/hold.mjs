// npm run bench:hold (through scripts/bench.mjs): a flash sale through the whole system, measured
// against PostgreSQL's own ceiling for one hot row (pgbench). Loopback only; stops by itself.
// Last line: holds/s, baseline, ratio, p95, oversell, the system's CPU per hold (the load
// generator's is on the line before) and inversions (refused while a later request got tickets).
// Flags: --users --holds-per-user --stock --connections --warmup-users (0: none) --warmup-rounds
// --baseline-seconds --skip-baseline --queue (queued sessions, every buyer admitted before the
// clock); for looking inside: --profile (CPU profiles), --phases (latency and CPU per quarter),
// --batch-trace (every group-commit batch), --node-args "..." (V8 flags, every process);
// --trace-sample R: OpenTelemetry on, parent-based sampling at ratio R, spans exported over OTLP to
// a counting sink process (what tracing costs; without the flag nothing is exported).
import path from 'node:path';
import { api, expectStatus, parseFlags, percentile } from './http.mjs';
import { countInversions, fireHolds } from './fire-holds.mjs';
import { cpuMeter, pidsNamed } from './cpu.mjs';
import { batchStats } from './batch-stats.mjs';
import { measurePgbenchBaseline } from './pgbench-baseline.mjs';
import { admitAll, createEvent, createSession, prepareBuyers } from './sale-setup.mjs';
import { BENCH_ADMIN, startBenchSystem } from './system.mjs';
import { startOtlpSink } from './otlp-sink.mjs';
import { ROOT } from '../lib.mjs';

const flags = parseFlags(process.argv.slice(2), {
  users: 2000,
  holdsPerUser: 4,
  stock: 6000,
  warmupUsers: 200,
  warmupRounds: 3,
  connections: 200,
  baselineSeconds: 5,
  skipBaseline: false,
  skipBuild: false,
  profile: false,
  phases: false,
  batchTrace: false,
  nodeArgs: '',
  queue: false,
  traceSample: 0,
});
// --queue: every session has its waiting room on, and every buyer is admitted before the clock,
// so the run measures what the admission check adds to a hold. The rate is the highest allowed.
const QUEUED = flags.queue ? { queueEnabled: true, admissionRatePerSec: 100_000 } : {};
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const sink = flags.traceSample > 0 ? await startOtlpSink() : null;
const tracingEnv = sink
  ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_TRACES_SAMPLER_ARG: String(flags.traceSample) }
  : {};
const { system, prefix, teardown } = await startBenchSystem('bench_hold', {
  env: tracingEnv,
  nodeArgs: [
    ...flags.nodeArgs.split(' ').filter(Boolean),
    ...(flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.run', 'profiles')}`] : []),
  ],
});
const admin = BENCH_ADMIN;
const base = system.gatewayUrl;

try {
  const adminToken = (await expectStatus(api(base, 'POST', '/api/auth/login', { body: admin }), 200, 'admin log-in'))
    .accessToken;
  const event = await createEvent(base, adminToken);
  const session = await createSession(base, adminToken, event.id, flags.stock, QUEUED);

  console.log(
    `preparing ${flags.users} buyers (sign-up + log-in; argon2id is slow by design, so this is before the clock)`,
  );
  const tokens = await prepareBuyers(base, 'buyer', flags.users);

  if (flags.warmupUsers > 0) {
    // A live system has run hot paths before a sale opens; a fresh process has not (V8 compiles
    // them on first use). Warm up on another session with other buyers, so the measured buyers'
    // tokens are still verified for the first time inside the measurement.
    const warmTokens = await prepareBuyers(base, 'warmup', flags.warmupUsers);
    const warmOutcomes = {};
    for (let round = 0; round < flags.warmupRounds; round++) {
      const warmSession = await createSession(
        base,
        adminToken,
        event.id,
        flags.warmupUsers * flags.holdsPerUser,
        QUEUED,
      );
      const warm = await fireHolds({
        base,
        sessionId: warmSession.id,
        tokens: warmTokens,
        queueTokens: flags.queue ? await admitAll(base, warmSession.id, warmTokens) : undefined,
        total: flags.warmupUsers * flags.holdsPerUser,
        connections: flags.connections,
        keyPrefix: `warmup${round}`,
      });
      for (const [outcome, n] of Object.entries(warm.outcomes))
        warmOutcomes[outcome] = (warmOutcomes[outcome] ?? 0) + n;
    }
    console.log(
      `warm-up (not measured): ${JSON.stringify(warmOutcomes)} on ${flags.warmupRounds} other sessions from ${flags.warmupUsers} other buyers`,
    );
  }

  const total = flags.users * flags.holdsPerUser;
  const queueTokens = flags.queue ? await admitAll(base, session.id, tokens) : undefined;
  if (flags.queue) console.log(`${tokens.length} buyers entered the waiting room and were admitted (before the clock)`);
  console.log(
    `firing ${total} holds of 1 ticket from ${flags.connections} concurrent clients at ${flags.stock} tickets`,
  );
  const children = Object.fromEntries([...system.children].map(([name, child]) => [name, [child.pid]]));
  // CPU profiles (--profile) cover each process's whole life; this window lets
  // scripts/bench/profile-summary.mjs keep only the firing phase's samples.
  const firingFromUs = process.hrtime.bigint() / 1000n;
  const cpu = cpuMeter({
    ...children,
    'load generator': [process.pid],
    postgres: pidsNamed('postgres'),
    redis: pidsNamed('redis-server'),
    nats: pidsNamed('nats-server'),
  });
  // Round-robin over users (request i is user i % users), so every user's 4 holds are spread across the run.
  const measured = { base, sessionId: session.id, tokens, queueTokens, total };
  const { outcomes, latencies, accepted, started, lastAcceptedAt, elapsedMs, sentAt, answers } = await fireHolds({
    ...measured,
    connections: flags.connections,
    onQuarter: flags.phases
      ? (n) =>
          console.log(
            `after ${n} responses (${process.hrtime.bigint() / 1000n} us): CPU ms so far ${JSON.stringify(cpu.report(1))}`,
          )
      : undefined,
  });
  const cpuPerRequest = cpu.report(total);
  if (flags.profile)
    console.log(`profile window: --from-us ${firingFromUs} --to-us ${process.hrtime.bigint() / 1000n}`);
  if (flags.phases) {
    const q = Math.floor(latencies.length / 4);
    for (let i = 0; i < 4; i++) {
      const part = latencies.slice(i * q, (i + 1) * q).sort((a, b) => a - b);
      console.log(`quarter ${i + 1}: p50 ${percentile(part, 50).toFixed(0)} p95 ${percentile(part, 95).toFixed(0)}`);
    }
  }
  latencies.sort((a, b) => a - b);
  const acceptedPerSec = accepted / ((lastAcceptedAt - started) / 1000 || 1);
  console.log(`outcomes: ${JSON.stringify(outcomes)}; all requests done in ${(elapsedMs / 1000).toFixed(2)} s`);
  console.log(
    `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}`,
  );

  const check = await checkInvariants(base, adminToken, session.id, accepted);
  console.log(`invariants: ${JSON.stringify(check)}`);
  console.log(
    `group commit: ${JSON.stringify(await batchStats({ postgresUrl, database: `${prefix}_reservation`, sessionId: session.id, trace: flags.batchTrace }))}`,
  );
  const inversions = countInversions(sentAt, answers);
  console.log(`fairness: ${inversions} inversions over the answers ${JSON.stringify(countBy(answers))}`);

  let baselineBest = NaN;
  if (!flags.skipBaseline) {
    await system.stop();
    const baseline = await measurePgbenchBaseline({ postgresUrl, seconds: flags.baselineSeconds });
    baselineBest = baseline.best;
  }
  const ratio = acceptedPerSec / baselineBest;
  // The system is every process but the load generator, which only stands in for the buyers.
  const { 'load generator': loadGeneratorCpu, ...systemCpuPerRequest } = cpuPerRequest;
  const systemCpu = Object.values(systemCpuPerRequest).reduce((a, b) => a + b, 0);
  console.log(
    `CPU ms per request: ${JSON.stringify(systemCpuPerRequest)} (system sum ${systemCpu.toFixed(2)}); load generator ${loadGeneratorCpu} (not in the sum)`,
  );
  if (sink)
    console.log(`tracing: sampled at ${flags.traceSample}, OTLP sink received ${JSON.stringify(await sink.stop())}`);
  const tracing = sink ? `, tracing ${flags.traceSample}` : '';
  console.log(
    `hold: ${Math.round(acceptedPerSec)} holds/s accepted, baseline ${baselineBest} txn/s (best), ratio ${ratio.toFixed(2)}, p95 ${Math.round(percentile(latencies, 95))} ms, oversell ${check.oversell}, cpu ${systemCpu.toFixed(2)} ms/req, inversions ${inversions}${tracing}`,
  );
  if (check.oversell > 0) process.exitCode = 1;
} finally {
  await teardown();
}

function countBy(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function checkInvariants(base, token, sessionId, accepted) {
  const perUser = new Map();
  let cursor = '';
  let sales;
  do {
    sales = await expectStatus(
      api(
        base,
        'GET',
        `/api/admin/sessions/${sessionId}/sales?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      ),
      200,
      'sales',
    );
    for (const buyer of sales.buyers) {
      if (buyer.status === 'ACTIVE' || buyer.status === 'SOLD')
        perUser.set(buyer.userId, (perUser.get(buyer.userId) ?? 0) + buyer.quantity);
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
