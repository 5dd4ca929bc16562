// npm run bench:sessions (through scripts/bench.mjs): the hottest read of an on-sale,
// GET /api/events/{eventId}/sessions, through the whole system on loopback with autocannon.
// Prints requests/s and p50/p95/p99.
// Flags: --connections --duration (seconds) --pipelining --sessions --skip-build.
// Target (issue 5): at least 8,000 requests/s with p95 under 50 ms on a 2-core machine.
import { createRequire } from 'node:module';
import { api, expectStatus, parseFlags, percentile } from './http.mjs';
import { BENCH_ADMIN, startBenchSystem } from './system.mjs';

const flags = parseFlags(process.argv.slice(2), {
  connections: 100,
  duration: 10,
  pipelining: 1,
  sessions: 5,
  skipBuild: false,
});
const TARGET = { requestsPerSec: 8000, p95Ms: 50 };

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const { system, teardown } = await startBenchSystem('bench_sessions');
const admin = BENCH_ADMIN;
const base = system.gatewayUrl;

try {
  const token = (await expectStatus(api(base, 'POST', '/api/auth/login', { body: admin }), 200, 'admin log-in'))
    .accessToken;
  const event = await expectStatus(
    api(base, 'POST', '/api/admin/events', {
      token,
      body: { title: 'Bench Listing', venue: 'Loopback Arena', status: 'PUBLISHED' },
    }),
    201,
    'create event',
  );
  for (let i = 0; i < flags.sessions; i++) {
    const startAt = new Date(Date.now() + (i + 1) * 86_400_000).toISOString();
    const body = {
      startAt,
      price: 50_000 + i * 10_000,
      currency: 'KRW',
      totalStock: 1000 * (i + 1),
      queueEnabled: i % 2 === 0,
    };
    await expectStatus(
      api(base, 'POST', `/api/admin/events/${event.id}/sessions`, { token, body }),
      201,
      'create session',
    );
  }
  const url = `${base}/api/events/${event.id}/sessions`;
  const check = await expectStatus(api(base, 'GET', `/api/events/${event.id}/sessions`), 200, 'list sessions');
  if (check.items.length !== flags.sessions)
    throw new Error(`expected ${flags.sessions} sessions, got ${check.items.length}`);

  console.log(`GET ${url}: ${flags.connections} connections, pipelining ${flags.pipelining}, ${flags.duration} s`);
  const latencies = [];
  const statuses = {};
  const instance = autocannon({
    url,
    connections: flags.connections,
    pipelining: flags.pipelining,
    duration: flags.duration,
  });
  // autocannon reports p97.5, not p95, so every response time is kept and ranked here.
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);

  const perSec = result.requests.average;
  const p95 = percentile(latencies, 95);
  console.log(
    `status codes: ${JSON.stringify(statuses)}; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
  );
  console.log(`requests/s: average ${Math.round(perSec)}, total ${result.requests.total} in ${result.duration} s`);
  console.log(
    `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${p95.toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies.at(-1)?.toFixed(1)}`,
  );
  const met = perSec >= TARGET.requestsPerSec && p95 < TARGET.p95Ms && result.non2xx === 0 && result.errors === 0;
  console.log(`target ${TARGET.requestsPerSec} req/s with p95 < ${TARGET.p95Ms} ms: ${met ? 'met' : 'NOT met'}`);
} finally {
  await teardown();
}
