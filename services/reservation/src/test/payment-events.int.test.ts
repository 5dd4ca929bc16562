import { randomUUID } from 'node:crypto';
import { queryOnce } from '@ticketing/testing';
import { verifyTicketQr } from '../domain/ticket-qr';
import { allPublished, countersOf, holdRequest, publishedEvents, seatRequest, seedSession } from './harness';
import {
  expectBalanced,
  expireNow,
  failedFor,
  reservationWithPaymentEvents,
  SCANNER_KEYS,
  succeededFor,
  ticketsOfHold,
  waitApplied,
} from './payment-events';

/** Payment's outcome reaches reservation as `payment.*` events on the real stream (PaymentCallbackHandlerTest). */
describe('payment events applied to holds', () => {
  const fixture = reservationWithPaymentEvents('reservation_payment_events');

  const { pay } = fixture;
  const eventsOfHold = async (holdId: string) => {
    await allPublished(fixture.sys);
    return (await publishedEvents(fixture.sys.prefix)).filter(
      (e) => e.type.startsWith('reservation.') && e.payload.holdId === holdId,
    );
  };

  it('holdToSoldTransitionOnPaymentSuccess: an ACTIVE hold becomes SOLD with one signed ticket per unit', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:pay1');
    const paid = succeededFor(hold);
    await waitApplied(fixture.sys, await pay('payment.succeeded', paid));

    const sold = await fixture.sys.call('getHold', { holdId: hold.holdId }, 'user:pay1');
    expect(sold.status).toBe('SOLD');
    expect(sold.tickets).toHaveLength(2);
    for (const ticket of sold.tickets) {
      expect(ticket).toMatchObject({ holdId: hold.holdId, sessionId, status: 'VALID', seatId: '' });
      expect(ticket.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(verifyTicketQr(ticket.qrPayload, SCANNER_KEYS)).toEqual({
        ticketId: ticket.ticketId,
        code: ticket.code,
        holdId: hold.holdId,
        sessionId,
      });
    }
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 8, held: 0, sold: 2 });
    expect((await queryOnce(fixture.sys.url, 'select payment_id from hold where id = $1', [hold.holdId]))[0]).toEqual({
      payment_id: paid.paymentId,
    });
    expect((await eventsOfHold(hold.holdId)).map((e) => e.type)).toEqual([
      'reservation.hold.created',
      'reservation.hold.sold',
    ]);
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('when a seat hold is paid for, then each seat is SOLD and has its own ticket with its label', async () => {
    const seats = ['A1', 'A2', 'A3'].map((label) => ({ id: randomUUID(), label, section: 'A', priceMinor: 70000 }));
    const { sessionId } = await seedSession(fixture.sys.app, { seatingKind: 'SEAT_MAP', totalStock: 3, seats });
    const hold = await fixture.sys.call('hold', seatRequest(sessionId, [seats[2]!.id, seats[0]!.id]), 'user:pay2');
    await waitApplied(fixture.sys, await pay('payment.succeeded', succeededFor(hold)));

    expect((await ticketsOfHold(fixture.sys.url, hold.holdId)).map((t) => [t.seat_id, t.seat_label])).toEqual([
      [seats[2]!.id, 'A3'],
      [seats[0]!.id, 'A1'],
    ]);
    const stored = await queryOnce(
      fixture.sys.url,
      'select label, status from seat where session_id = $1 order by label',
      [sessionId],
    );
    expect(stored.map((s) => [s.label, s.status])).toEqual([
      ['A1', 'SOLD'],
      ['A2', 'AVAILABLE'],
      ['A3', 'SOLD'],
    ]);
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('paymentFailureReleasesHold: the hold is RELEASED at once and its tickets are on sale again', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 3), 'user:pay3');
    await waitApplied(fixture.sys, await pay('payment.failed', failedFor(hold)));

    await expect(fixture.sys.call('getHold', { holdId: hold.holdId }, 'user:pay3')).resolves.toMatchObject({
      status: 'RELEASED',
      tickets: [],
    });
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 10, held: 0, sold: 0 });
    expect((await eventsOfHold(hold.holdId)).map((e) => e.type)).toEqual([
      'reservation.hold.created',
      'reservation.hold.released',
    ]);
    const audit = await queryOnce(
      fixture.sys.url,
      `select action, meta from audit_log where target_id = $1 order by id`,
      [hold.holdId],
    );
    expect(audit.map((r) => r.action)).toEqual(['hold.created', 'hold.released']);
    expect(audit[1]!.meta).toMatchObject({ reason: 'PAYMENT_FAILED' });
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('when a payment fails for a hold that is not ACTIVE, then nothing changes', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:pay4');
    await waitApplied(fixture.sys, await pay('payment.succeeded', succeededFor(hold)));
    const before = await countersOf(fixture.sys.url, sessionId);
    await waitApplied(fixture.sys, await pay('payment.failed', failedFor(hold)));
    expect(await countersOf(fixture.sys.url, sessionId)).toEqual(before);
    await expect(fixture.sys.call('getHold', { holdId: hold.holdId }, 'user:pay4')).resolves.toMatchObject({
      status: 'SOLD',
    });
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('late success honoured: a hold that expired is SOLD if stock is left, taken again from what is available', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:late1');
    await expireNow(fixture.sys, hold.holdId);
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 10, held: 0 });

    await waitApplied(fixture.sys, await pay('payment.succeeded', succeededFor(hold)));
    await expect(fixture.sys.call('getHold', { holdId: hold.holdId }, 'user:late1')).resolves.toMatchObject({
      status: 'SOLD',
      tickets: [expect.objectContaining({ status: 'VALID' }), expect.objectContaining({ status: 'VALID' })],
    });
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 8, held: 0, sold: 2 });
    expect((await eventsOfHold(hold.holdId)).map((e) => e.type)).toEqual([
      'reservation.hold.created',
      'reservation.hold.expired',
      'reservation.hold.sold',
    ]);
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('late success honoured for released seats that are still free', async () => {
    const seats = ['B1', 'B2'].map((label) => ({ id: randomUUID(), label, section: 'B', priceMinor: 70000 }));
    const { sessionId } = await seedSession(fixture.sys.app, { seatingKind: 'SEAT_MAP', totalStock: 2, seats });
    const hold = await fixture.sys.call('hold', seatRequest(sessionId, [seats[0]!.id]), 'user:late2');
    await fixture.sys.call('release', { holdId: hold.holdId }, 'user:late2');
    await waitApplied(fixture.sys, await pay('payment.succeeded', succeededFor(hold)));
    expect(await ticketsOfHold(fixture.sys.url, hold.holdId)).toEqual([
      expect.objectContaining({ seat_id: seats[0]!.id, seat_label: 'B1', status: 'VALID' }),
    ]);
    expect(await queryOnce(fixture.sys.url, 'select status, hold_id from seat where id = $1', [seats[0]!.id])).toEqual([
      { status: 'SOLD', hold_id: hold.holdId },
    ]);
    await expectBalanced(fixture.sys.url, sessionId);
  });
});
