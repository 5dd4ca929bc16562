import { randomUUID } from 'node:crypto';
import { queryOnce } from '@ticketing/testing';
import { applyPaymentEvents, type PaymentEvent } from '../app/apply-payment-event';
import { countersOf, holdRequest, logger, seedSession, startTestReservation, type TestReservation } from './harness';
import { expectBalanced, failedFor, succeededFor, ticketsOfHold } from './payment-events';

/** A sale's peak: many payment events applied in one transaction, as the consumer hands them over. */
describe('a burst of payment events', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_payment_burst');
  });
  afterAll(() => sys.close());

  const event = (type: string, payload: object): PaymentEvent => ({ id: randomUUID(), type, payload });
  const applyTogether = (events: PaymentEvent[]) =>
    sys.app.orm.em.fork().transactional((em) => applyPaymentEvents(em, events, new Date(), logger));
  const statusOf = async (holdId: string) =>
    (await queryOnce<{ status: string }>(sys.url, 'select status from hold where id = $1', [holdId]))[0]!.status;
  const stockChangedOf = (sessionId: string) =>
    queryOnce<{ payload: { version: number; sold: number } }>(
      sys.url,
      "select payload from outbox where type = 'reservation.stock.changed' and payload->>'sessionId' = $1 order by seq",
      [sessionId],
    );

  it('when successes for two sessions come together, then each hold is SOLD with its tickets and each session changes once', async () => {
    const a = (await seedSession(sys.app, { totalStock: 20 })).sessionId;
    const b = (await seedSession(sys.app, { totalStock: 5 })).sessionId;
    const holdsA = await Promise.all([1, 2, 3, 4].map((i) => sys.call('hold', holdRequest(a, 2), `user:burst-a${i}`)));
    const holdsB = await Promise.all([1, 2, 3].map((i) => sys.call('hold', holdRequest(b, 1), `user:burst-b${i}`)));
    const changesBefore = (await stockChangedOf(b)).length;

    const results = await applyTogether(
      [...holdsA, ...holdsB].map((hold) => event('payment.succeeded', succeededFor(hold))),
    );

    expect(results).toEqual(Array(7).fill('sold'));
    for (const hold of [...holdsA, ...holdsB]) {
      expect(await statusOf(hold.holdId)).toBe('SOLD');
      expect((await ticketsOfHold(sys.url, hold.holdId)).map((t) => t.status)).toEqual(
        Array(hold.quantity).fill('VALID'),
      );
    }
    expect(await countersOf(sys.url, a)).toMatchObject({ total: 20, available: 12, held: 0, sold: 8 });
    expect(await countersOf(sys.url, b)).toMatchObject({ total: 5, available: 2, held: 0, sold: 3 });
    await expectBalanced(sys.url, a);
    await expectBalanced(sys.url, b);
    // One counter update and one stock.changed per session, carrying the final counters.
    const changesB = (await stockChangedOf(b)).slice(changesBefore);
    expect(changesB.map((c) => c.payload.sold)).toEqual([3]);
    expect(changesB[0]!.payload.version).toBe((await countersOf(sys.url, b)).version);
  });

  it('when the burst holds a repeat, a failure and more successes, then each applies as it would alone, in order', async () => {
    const sessionId = (await seedSession(sys.app, { totalStock: 10 })).sessionId;
    const [h1, h2, h3, h4] = await Promise.all(
      [1, 2, 3, 4].map((i) => sys.call('hold', holdRequest(sessionId, 1), `user:mixed-${i}`)),
    );
    const paid1 = succeededFor(h1);
    const results = await applyTogether([
      event('payment.succeeded', paid1),
      event('payment.succeeded', succeededFor(h2)),
      // The same payment again under a new event id, then another payment for the hold already sold.
      event('payment.succeeded', paid1),
      event('payment.succeeded', succeededFor(h1)),
      event('payment.failed', failedFor(h3)),
      event('payment.succeeded', succeededFor(h4)),
      event('payment.succeeded', { ...succeededFor(h4), holdId: randomUUID() }),
    ]);

    expect(results).toEqual(['sold', 'sold', 'unchanged', 'refund-requested', 'released', 'sold', 'refund-requested']);
    expect([
      await statusOf(h1!.holdId),
      await statusOf(h2!.holdId),
      await statusOf(h3!.holdId),
      await statusOf(h4!.holdId),
    ]).toEqual(['SOLD', 'SOLD', 'RELEASED', 'SOLD']);
    expect(await ticketsOfHold(sys.url, h1!.holdId)).toHaveLength(1);
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 7, held: 0, sold: 3 });
    await expectBalanced(sys.url, sessionId);
  });
});
