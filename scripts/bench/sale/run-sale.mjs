// A whole flash sale on a running system, shared by `npm run bench:sale` and `npm run drill`:
// prepare (event, queued session, buyers logged in before the clock), T0 (every buyer at once),
// progress on the terminal, then wait for the system to settle and check every invariant.
import { cpuMeter, pidsNamed } from '../cpu.mjs';
import { api, expectStatus, pool } from '../http.mjs';
import { createEvent, createSession } from '../sale-setup.mjs';
import { BENCH_ADMIN } from '../system.mjs';
import { runBuyer, seededRandom } from './buyer.mjs';
import { checkSale, eventBacklog } from './checks.mjs';
import { saleClient, sleep } from './client.mjs';
import { recorder } from './recorder.mjs';

/**
 * `options`: { system, prefix, postgresUrl, natsUrl, users, tickets, payShare, admissionRate,
 * attempts (per request, retries included), settleTimeoutMs, whileSelling(sale) (the drill's faults) }.
 */
export async function runSale(options) {
  const base = options.system.gatewayUrl;
  const admin = await expectStatus(api(base, 'POST', '/api/auth/login', { body: BENCH_ADMIN }), 200, 'admin log-in');
  const event = await createEvent(base, admin.accessToken);
  const session = await createSession(base, admin.accessToken, event.id, options.tickets, {
    queueEnabled: true,
    admissionRatePerSec: options.admissionRate,
  });
  console.log(`preparing ${options.users} buyers (sign-up + log-in before the clock; argon2id is slow by design)`);
  const tokens = await prepareBuyersWithProgress(base, options.users);

  const record = recorder();
  const counts = { entered: 0, admitted: 0, held: 0, soldOut: 0, paid: 0 };
  const sale = {
    base,
    sessionId: session.id,
    client: saleClient({ recorder: record, attempts: options.attempts, backoffMs: 250 }),
    recorder: record,
    payShare: options.payShare,
    counts,
    acceptedHolds: [],
    payments: [],
    closedAt: null,
    closed: () => sale.closedAt !== null,
  };
  const t0 = performance.now();
  let soldOutAt = null;
  let lastCounters = null;
  const since = () => ((performance.now() - t0) / 1000).toFixed(1);
  // The stock, every second: when it first runs out, and when nothing can come back (all sold).
  const watcher = setInterval(async () => {
    const sales = await api(base, 'GET', `/api/admin/sessions/${session.id}/sales?limit=1`, {
      token: admin.accessToken,
    }).catch(() => null);
    if (sales?.status !== 200) return;
    lastCounters = sales.body;
    if (soldOutAt === null && sales.body.available === 0) soldOutAt = performance.now();
    if (sale.closedAt === null && sales.body.sold === sales.body.total) sale.closedAt = performance.now();
  }, 1000);
  const progress = setInterval(() => {
    const c = lastCounters ?? {};
    console.log(
      `[${since()} s] entered ${counts.entered}, admitted ${counts.admitted}, held ${counts.held}, paid ${counts.paid}, ` +
        `refused sold out ${counts.soldOut}; stock available ${c.available ?? '?'}, held ${c.held ?? '?'}, sold ${c.sold ?? '?'}`,
    );
  }, 2000);

  // Processes by name; the drill's restarts replace pids, so their CPU is counted up to each kill only.
  const cpu = cpuMeter({
    ...Object.fromEntries([...options.system.children].map(([name, child]) => [name, [child.pid]])),
    'load generator': [process.pid],
    postgres: pidsNamed('postgres'),
    redis: pidsNamed('redis-server'),
    nats: pidsNamed('nats-server'),
  });
  console.log(`T0: ${options.users} buyers enter the waiting room for ${options.tickets} tickets`);
  const faults = options.whileSelling?.(sale) ?? Promise.resolve([]);
  const buyers = await Promise.all(tokens.map((token, i) => runBuyer(sale, token, seededRandom(i + 1))));
  const buyersDoneAt = performance.now();
  const cpuPerRequest = cpu.report(record.summary().answered);
  const faultReports = await faults;
  clearInterval(progress);
  clearInterval(watcher);
  console.log(`[${since()} s] every buyer is done; waiting for the system to settle`);
  const settled = await settle(options, session.id, admin.accessToken, base);
  const check = await checkSale({
    base,
    adminToken: admin.accessToken,
    postgresUrl: options.postgresUrl,
    prefix: options.prefix,
    natsUrl: options.natsUrl,
    sessionId: session.id,
    acceptedHolds: sale.acceptedHolds,
    completedPayments: sale.payments.filter((p) => p.completed).map((p) => p.paymentId),
    buyers,
  });
  return {
    session,
    sale,
    recorder: record,
    buyers,
    counts,
    check,
    settled,
    faults: faultReports,
    requests: record.summary(),
    cpuPerRequest,
    seconds: {
      toSoldOut: soldOutAt === null ? null : (soldOutAt - t0) / 1000,
      buyers: (buyersDoneAt - t0) / 1000,
    },
  };
}

async function prepareBuyersWithProgress(base, count) {
  const tokens = new Array(count);
  let done = 0;
  const started = performance.now();
  await pool(count, 8, async (i) => {
    const credentials = { email: `buyer${i}@sale.test`, password: 'Sale-Buyer-2026' };
    await expectStatus(api(base, 'POST', '/api/auth/signup', { body: credentials }), 201, 'sign-up');
    tokens[i] = (
      await expectStatus(api(base, 'POST', '/api/auth/login', { body: credentials }), 200, 'log-in')
    ).accessToken;
    if (++done % 1000 === 0)
      console.log(`  ${done} buyers ready (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  });
  return tokens;
}

/**
 * Settled: no hold still ACTIVE (walked-away buyers' holds expired), and every event published and
 * consumed. Returns how long that took, or the last backlog seen when it did not happen in time.
 */
async function settle(options, sessionId, adminToken, base) {
  const started = performance.now();
  const deadline = started + options.settleTimeoutMs;
  let last = null;
  while (performance.now() < deadline) {
    const sales = await api(base, 'GET', `/api/admin/sessions/${sessionId}/sales?limit=1`, { token: adminToken }).catch(
      () => null,
    );
    const backlog = await eventBacklog(options).catch((error) => ({ pending: NaN, error: error.message }));
    last = { held: sales?.body?.held, backlog };
    if (sales?.status === 200 && sales.body.held === 0 && backlog.pending === 0)
      return { ok: true, seconds: (performance.now() - started) / 1000 };
    await sleep(1000);
  }
  return { ok: false, seconds: (performance.now() - started) / 1000, last };
}
