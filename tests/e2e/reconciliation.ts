// Stock and money reconcile, read from the databases themselves rather than from the API, so a
// test cannot pass while the two services disagree. Used after every purchase test.
import { databaseUrl } from '@ticketing/system-runner';
import { queryOnce } from '@ticketing/testing';

interface HoldRow extends Record<string, unknown> {
  id: string;
  status: string;
  quantity: number;
  valid_tickets: number;
}

/**
 * Every breach of the books, in words ([] when they balance): per session the counters add up and
 * match the holds; a SOLD hold has one VALID ticket per unit and a SUCCEEDED payment; a SUCCEEDED
 * payment has a SOLD hold; a CANCELLED hold's payment is refunded or on its way; neither outbox
 * holds an unpublished event.
 */
export async function reconciliationBreaches(prefix: string): Promise<string[]> {
  const reservation = databaseUrl(prefix, 'reservation');
  const payment = databaseUrl(prefix, 'payment');
  const breaches: string[] = [];

  const sessions = await queryOnce<{
    session_id: string;
    total: number;
    available: number;
    held: number;
    sold: number;
    held_by_holds: number;
    sold_by_holds: number;
  }>(
    reservation,
    `select s.session_id, s.total, s.available, s.held, s.sold,
            coalesce(sum(h.quantity) filter (where h.status = 'ACTIVE'), 0)::int as held_by_holds,
            coalesce(sum(h.quantity) filter (where h.status = 'SOLD'), 0)::int as sold_by_holds
       from stock s left join hold h on h.session_id = s.session_id
      group by s.session_id`,
  );
  for (const s of sessions) {
    if (s.available + s.held + s.sold !== s.total)
      breaches.push(`session ${s.session_id}: available + held + sold ≠ total`);
    if (s.held !== s.held_by_holds)
      breaches.push(`session ${s.session_id}: held ${s.held}, ACTIVE holds ${s.held_by_holds}`);
    if (s.sold !== s.sold_by_holds)
      breaches.push(`session ${s.session_id}: sold ${s.sold}, SOLD holds ${s.sold_by_holds}`);
  }

  const holds = await queryOnce<HoldRow>(
    reservation,
    `select h.id, h.status, h.quantity,
            (select count(*) from ticket t where t.hold_id = h.id and t.status = 'VALID')::int as valid_tickets
       from hold h`,
  );
  const payments = await queryOnce<{ hold_id: string; status: string }>(payment, 'select hold_id, status from payment');
  const paymentsOf = new Map<string, string[]>();
  for (const p of payments) paymentsOf.set(p.hold_id, [...(paymentsOf.get(p.hold_id) ?? []), p.status]);
  const holdById = new Map(holds.map((h) => [h.id, h]));

  for (const hold of holds) {
    const statuses = paymentsOf.get(hold.id) ?? [];
    if (hold.status === 'SOLD') {
      if (hold.valid_tickets !== hold.quantity)
        breaches.push(`hold ${hold.id}: SOLD with ${hold.valid_tickets} of ${hold.quantity} tickets`);
      if (!statuses.includes('SUCCEEDED')) breaches.push(`hold ${hold.id}: SOLD without a SUCCEEDED payment`);
    } else if (hold.valid_tickets > 0) {
      breaches.push(`hold ${hold.id}: ${hold.status} with VALID tickets`);
    }
    if (hold.status === 'CANCELLED' && !statuses.some((s) => s === 'REFUND_PENDING' || s === 'REFUNDED'))
      breaches.push(`hold ${hold.id}: CANCELLED but its payment is not refunded`);
  }
  for (const p of payments) {
    if (p.status === 'SUCCEEDED' && holdById.get(p.hold_id)?.status !== 'SOLD')
      breaches.push(
        `payment of hold ${p.hold_id}: SUCCEEDED but the hold is ${holdById.get(p.hold_id)?.status ?? 'missing'}`,
      );
  }

  for (const [service, url] of [
    ['reservation', reservation],
    ['payment', payment],
  ] as const) {
    const [row] = await queryOnce<{ n: number }>(
      url,
      'select count(*)::int as n from outbox where published_at is null',
    );
    if (row && row.n > 0) breaches.push(`${service}: ${row.n} events not yet published`);
  }
  return breaches;
}

/** Waits (events may be in flight) until the books balance; fails naming what never did. */
export async function expectBooksBalance(prefix: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let breaches = await reconciliationBreaches(prefix);
  while (breaches.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    breaches = await reconciliationBreaches(prefix);
  }
  expect(breaches).toEqual([]);
}
