import { randomUUID } from 'node:crypto';
import { queryOnce } from '@ticketing/testing';
import { allPublished, countersOf, holdRequest, publishedEvents, seatRequest, seedSession } from './harness';
import {
  expectBalanced,
  reservationWithPaymentEvents,
  succeededFor,
  ticketsOfHold,
  waitApplied,
} from './payment-events';

const HOUR = 3_600_000;

/** Cancelling a purchase (the seed's 2-6): tickets void, stock back, a refund asked of payment, in one transaction. */
describe('cancelling a purchase', () => {
  const fixture = reservationWithPaymentEvents('reservation_cancel');

  /** A hold bought through payment's event; returns the hold and the payment's id. */
  async function bought(sessionId: string, user: string, request: object = holdRequest(sessionId, 2)) {
    const hold = await fixture.sys.call('hold', request, `user:${user}`);
    const paid = succeededFor(hold);
    await waitApplied(fixture.sys, await fixture.pay('payment.succeeded', paid));
    return { hold, paymentId: paid.paymentId };
  }
  const cancel = (holdId: string, user: string, idempotencyKey: string = randomUUID()) =>
    fixture.sys.call('cancel', { holdId, idempotencyKey, reason: 'cannot come' }, `user:${user}`);
  const eventsOf = async (holdId: string) => {
    await allPublished(fixture.sys);
    return (await publishedEvents(fixture.sys.prefix)).filter(
      (e) => e.type.startsWith('reservation.') && e.payload.holdId === holdId,
    );
  };

  it('when a purchase is cancelled before the cut-off, then its tickets are CANCELLED, stock returns and a refund is asked', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const { hold, paymentId } = await bought(sessionId, 'can1');
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 8, sold: 2 });

    const cancelled = await cancel(hold.holdId, 'can1', 'can1-key');
    expect(cancelled).toMatchObject({ holdId: hold.holdId, status: 'CANCELLED' });
    expect(cancelled.tickets.map((t: { status: string; qrPayload: string }) => [t.status, t.qrPayload])).toEqual([
      ['CANCELLED', ''],
      ['CANCELLED', ''],
    ]);
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 10, held: 0, sold: 0 });
    const tickets = await queryOnce(fixture.sys.url, 'select status, cancelled_at from ticket where hold_id = $1', [
      hold.holdId,
    ]);
    expect(tickets).toEqual([
      { status: 'CANCELLED', cancelled_at: expect.any(Date) },
      { status: 'CANCELLED', cancelled_at: expect.any(Date) },
    ]);

    const events = await eventsOf(hold.holdId);
    expect(events.map((e) => e.type)).toEqual([
      'reservation.hold.created',
      'reservation.hold.sold',
      'reservation.hold.cancelled',
      'reservation.refund.requested',
    ]);
    expect(events[3]!.payload).toEqual({ holdId: hold.holdId, paymentId, reason: 'CANCELLED' });
    const changes = (await publishedEvents(fixture.sys.prefix, 'reservation.stock.changed')).filter(
      (e) => e.payload.sessionId === sessionId,
    );
    expect(changes.at(-1)!.payload).toMatchObject({ available: 10, held: 0, sold: 0 });
    const audit = await queryOnce(
      fixture.sys.url,
      `select actor_id, meta from audit_log where action = 'hold.cancelled' and target_id = $1`,
      [hold.holdId],
    );
    expect(audit).toEqual([
      { actor_id: 'can1', meta: expect.objectContaining({ reason: 'cannot come', quantity: 2 }) },
    ]);
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('when the same cancel is sent again with its key, then the first answer comes back and nothing changes twice', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const { hold } = await bought(sessionId, 'can2');
    const [first, second] = await Promise.all([
      cancel(hold.holdId, 'can2', 'can2-key'),
      cancel(hold.holdId, 'can2', 'can2-key'),
    ]);
    expect(second).toEqual(first);
    await expect(cancel(hold.holdId, 'can2', 'can2-key')).resolves.toEqual(first);
    await expect(cancel(hold.holdId, 'can2')).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { status: 'CANCELLED' },
    });
    const other = await fixture.sys.call('hold', holdRequest(sessionId, 1), 'user:can2');
    await expect(cancel(other.holdId, 'can2', 'can2-key')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await eventsOf(hold.holdId)).filter((e) => e.type === 'reservation.refund.requested')).toHaveLength(1);
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 9, held: 1, sold: 0 });
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('when the cut-off has passed, then it is CANCELLATION_CLOSED and the purchase stands', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, {
      totalStock: 10,
      startAt: new Date(Date.now() + 23 * HOUR).toISOString(),
    });
    const { hold } = await bought(sessionId, 'can3');
    await expect(cancel(hold.holdId, 'can3')).rejects.toMatchObject({
      code: 'CANCELLATION_CLOSED',
      details: { cancellableUntil: expect.any(String) },
    });
    expect((await ticketsOfHold(fixture.sys.url, hold.holdId)).map((t) => t.status)).toEqual(['VALID', 'VALID']);
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 8, sold: 2 });
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('when a seat purchase is cancelled, then its seats are free to hold again', async () => {
    const seats = ['D1', 'D2'].map((label) => ({ id: randomUUID(), label, section: 'D', priceMinor: 70000 }));
    const { sessionId } = await seedSession(fixture.sys.app, { seatingKind: 'SEAT_MAP', totalStock: 2, seats });
    const { hold } = await bought(sessionId, 'can4', seatRequest(sessionId, [seats[0]!.id, seats[1]!.id]));
    await cancel(hold.holdId, 'can4');
    expect(
      await queryOnce(fixture.sys.url, 'select status, hold_id from seat where session_id = $1', [sessionId]),
    ).toEqual([
      { status: 'AVAILABLE', hold_id: null },
      { status: 'AVAILABLE', hold_id: null },
    ]);
    await expect(
      fixture.sys.call('hold', seatRequest(sessionId, [seats[0]!.id]), 'user:can4-next'),
    ).resolves.toMatchObject({
      status: 'ACTIVE',
    });
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('when it is not the owners purchase, not bought, or has no key, then it is refused and nothing changes', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const { hold } = await bought(sessionId, 'can5');
    const active = await fixture.sys.call('hold', holdRequest(sessionId, 1), 'user:can5');
    await expect(cancel(hold.holdId, 'intruder')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(cancel('not-a-hold', 'can5')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(cancel(active.holdId, 'can5')).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { status: 'ACTIVE' },
    });
    await expect(cancel(hold.holdId, 'can5', '')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 7, held: 1, sold: 2 });
    await expectBalanced(fixture.sys.url, sessionId);
  });
});
