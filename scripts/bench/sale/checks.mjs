// After a sale has settled: what must hold, read from the API and from each service's database.
// Each failed check is a breach, named with what was found; the benchmark and the drill fail on any.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../../lib.mjs';
import { api } from '../http.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { jetstreamManager } = require('@nats-io/jetstream');
const { connect } = require('@nats-io/transport-node');
const { streamFor } = require(path.join(ROOT, 'packages', 'nats-kit'));

async function query(postgresUrl, database, sql, params = []) {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Unpublished outbox rows per service, and events a durable consumer has not yet acknowledged. */
export async function eventBacklog({ postgresUrl, prefix, natsUrl }) {
  const outboxes = {};
  for (const service of ['catalog', 'reservation', 'payment'])
    outboxes[service] = Number(
      (await query(postgresUrl, `${prefix}_${service}`, 'select count(*) from outbox where published_at is null'))[0]
        .count,
    );
  const nc = await connect({ servers: natsUrl });
  const consumers = {};
  try {
    const jsm = await jetstreamManager(nc);
    // Durable consumers only: an ephemeral one (a process's replay reader) dies with its process and
    // is removed by the server after a while; what it had not read, the restarted process reads anew.
    for await (const info of jsm.consumers.list(streamFor(prefix).name))
      if (info.config.durable_name) consumers[info.name] = info.num_pending + info.num_ack_pending;
  } finally {
    await nc.close();
  }
  const pending =
    Object.values(outboxes).reduce((a, b) => a + b, 0) + Object.values(consumers).reduce((a, b) => a + b, 0);
  return { outboxes, consumers, pending };
}

/** Every invariant of a settled sale; `breaches` lists what does not hold (empty when all do). */
export async function checkSale({
  base,
  adminToken,
  postgresUrl,
  prefix,
  natsUrl,
  sessionId,
  acceptedHolds,
  completedPayments,
  buyers,
}) {
  const breaches = [];
  const reservationDb = `${prefix}_reservation`;
  const paymentDb = `${prefix}_payment`;
  const [stock] = await query(
    postgresUrl,
    reservationDb,
    'select total, available, held, sold from stock where session_id = $1',
    [sessionId],
  );
  if (stock.available + stock.held + stock.sold !== stock.total)
    breaches.push(`stock not conserved: ${JSON.stringify(stock)}`);
  if (stock.sold > stock.total) breaches.push(`oversold: ${stock.sold} sold of ${stock.total}`);
  const sales = await api(base, 'GET', `/api/admin/sessions/${sessionId}/sales?limit=1`, { token: adminToken });
  const apiCounters = sales.body ?? {};
  if (['total', 'available', 'held', 'sold'].some((k) => apiCounters[k] !== stock[k]))
    breaches.push(
      `the API's counters ${JSON.stringify(apiCounters)} differ from the database's ${JSON.stringify(stock)}`,
    );

  const overLimit = await query(
    postgresUrl,
    reservationDb,
    `select user_id, sum(quantity)::int as tickets from hold where session_id = $1 and status in ('ACTIVE', 'SOLD')
     group by user_id having sum(quantity) > 4`,
    [sessionId],
  );
  if (overLimit.length > 0)
    breaches.push(`${overLimit.length} users above 4 tickets: ${JSON.stringify(overLimit.slice(0, 5))}`);

  const found = await query(
    postgresUrl,
    reservationDb,
    'select count(*)::int as n from hold where id = any($1::uuid[])',
    [acceptedHolds],
  );
  if (found[0].n !== new Set(acceptedHolds).size)
    breaches.push(`${new Set(acceptedHolds).size - found[0].n} holds answered 201 have no hold row`);

  const holds = await query(
    postgresUrl,
    reservationDb,
    `select h.id, h.status, h.quantity, h.payment_id, (select count(*)::int from ticket t where t.hold_id = h.id and t.status = 'VALID') as tickets
     from hold h where h.session_id = $1`,
    [sessionId],
  );
  const payments = await query(postgresUrl, paymentDb, 'select id, hold_id, status from payment');
  const paymentById = new Map(payments.map((p) => [p.id, p]));
  const holdById = new Map(holds.map((h) => [h.id, h]));
  const active = holds.filter((h) => h.status === 'ACTIVE');
  if (active.length > 0) breaches.push(`${active.length} holds still ACTIVE after the sale settled (expiry stopped?)`);
  for (const hold of holds.filter((h) => h.status === 'SOLD')) {
    const payment = paymentById.get(hold.payment_id);
    if (!payment || payment.status !== 'SUCCEEDED')
      breaches.push(`hold ${hold.id} is SOLD but its payment ${hold.payment_id} is ${payment?.status ?? 'missing'}`);
    if (hold.tickets !== hold.quantity)
      breaches.push(`hold ${hold.id} is SOLD with ${hold.tickets} of ${hold.quantity} tickets`);
  }
  for (const payment of payments.filter((p) => p.status === 'SUCCEEDED')) {
    const hold = holdById.get(payment.hold_id);
    if (!hold || hold.status !== 'SOLD' || hold.payment_id !== payment.id)
      breaches.push(
        `payment ${payment.id} SUCCEEDED but its hold is ${hold?.status ?? 'missing'} and no refund was asked`,
      );
  }
  const pendingPayments = payments.filter((p) => p.status === 'PENDING' || p.status === 'REFUND_PENDING');
  const stuck = completedPayments.filter((id) => paymentById.get(id)?.status === 'PENDING');
  if (stuck.length > 0)
    breaches.push(
      `${stuck.length} payments completed at the provider are still PENDING (webhook lost): ${stuck.slice(0, 3)}`,
    );

  const backlog = await eventBacklog({ postgresUrl, prefix, natsUrl });
  if (backlog.pending > 0) breaches.push(`events not delivered: ${JSON.stringify(backlog)}`);
  const session = await api(base, 'GET', `/api/sessions/${sessionId}`);
  if (session.body?.remaining !== stock.available)
    breaches.push(`catalog shows ${session.body?.remaining} remaining, reservation has ${stock.available} available`);

  const inversions = admissionInversions(buyers);
  if (inversions > 0)
    breaches.push(`${inversions} buyers were admitted before someone ahead of them who was still waiting`);

  return {
    breaches,
    stock,
    lostEvents: backlog.pending + (session.body?.remaining === stock.available ? 0 : 1),
    pendingPayments: pendingPayments.length,
    holdsByStatus: countBy(holds.map((h) => h.status)),
    paymentsByStatus: countBy(payments.map((p) => p.status)),
    inversions,
  };
}

/**
 * Arrival order, from what the buyers saw: buyer A (an earlier place) still answered WAITING by a
 * request sent after buyer B (a later place) had already received ADMITTED. Times are the load
 * generator's, so only certain inversions count: the queue decided A's answer after B's.
 */
export function admissionInversions(buyers) {
  const sorted = buyers.filter((b) => b.place > 0).sort((a, b) => b.place - a.place);
  let earliestAdmittedBehind = Infinity;
  let inversions = 0;
  for (const buyer of sorted) {
    if (buyer.lastWaitingSent > earliestAdmittedBehind) inversions++;
    earliestAdmittedBehind = Math.min(earliestAdmittedBehind, buyer.firstAdmittedReceived);
  }
  return inversions;
}

function countBy(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
