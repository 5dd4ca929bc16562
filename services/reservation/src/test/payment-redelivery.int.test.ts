import { randomUUID } from 'node:crypto';
import { queryOnce } from '@ticketing/testing';
import { allPublished, countersOf, holdRequest, publishedEvents, seatRequest, seedSession } from './harness';
import {
  expectBalanced,
  expireNow,
  failedFor,
  reservationWithPaymentEvents,
  succeededFor,
  ticketsOfHold,
  waitApplied,
} from './payment-events';

/** Late successes that cannot be honoured, redeliveries, and a consumer that stops between events. */
describe('payment events: refunds and exactly-once', () => {
  const fixture = reservationWithPaymentEvents('reservation_payment_redelivery');

  const { pay } = fixture;
  const refundsOf = async (holdId: string) => {
    await allPublished(fixture.sys);
    return (await publishedEvents(fixture.sys.prefix, 'reservation.refund.requested')).filter(
      (e) => e.payload.holdId === holdId,
    );
  };

  it('late success refunded: an expired hold whose stock was taken stays EXPIRED and a refund is requested', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 2 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:ref1');
    await expireNow(fixture.sys, hold.holdId);
    await fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:ref1-other');
    const before = await countersOf(fixture.sys.url, sessionId);

    const paid = succeededFor(hold);
    await waitApplied(fixture.sys, await pay('payment.succeeded', paid));
    await expect(fixture.sys.call('getHold', { holdId: hold.holdId }, 'user:ref1')).resolves.toMatchObject({
      status: 'EXPIRED',
      tickets: [],
    });
    expect(await countersOf(fixture.sys.url, sessionId)).toEqual(before);
    expect((await refundsOf(hold.holdId)).map((e) => e.payload)).toEqual([
      { holdId: hold.holdId, paymentId: paid.paymentId, reason: 'NOT_HONOURED' },
    ]);
    const audit = await queryOnce(
      fixture.sys.url,
      `select meta from audit_log where action = 'hold.sale-refused' and target_id = $1`,
      [hold.holdId],
    );
    expect(audit).toEqual([{ meta: expect.objectContaining({ paymentId: paid.paymentId, refusal: 'SOLD_OUT' }) }]);
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('late success refunded when the buyer would pass 4 tickets, or a seat was taken meanwhile', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const late = await fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:ref2');
    await expireNow(fixture.sys, late.holdId);
    await fixture.sys.call('hold', holdRequest(sessionId, 3), 'user:ref2');
    await waitApplied(fixture.sys, await pay('payment.succeeded', succeededFor(late)));
    expect((await refundsOf(late.holdId)).map((e) => e.payload.reason)).toEqual(['NOT_HONOURED']);
    await expectBalanced(fixture.sys.url, sessionId);

    // Two of three seats are still free, so only the seat check can refuse it.
    const seats = ['C1', 'C2', 'C3'].map((label) => ({ id: randomUUID(), label, section: 'C', priceMinor: 70000 }));
    const seated = await seedSession(fixture.sys.app, { seatingKind: 'SEAT_MAP', totalStock: 3, seats });
    const seatHold = await fixture.sys.call(
      'hold',
      seatRequest(seated.sessionId, [seats[0]!.id, seats[1]!.id]),
      'user:ref3',
    );
    await fixture.sys.call('release', { holdId: seatHold.holdId }, 'user:ref3');
    await fixture.sys.call('hold', seatRequest(seated.sessionId, [seats[1]!.id]), 'user:ref3-other');
    await waitApplied(fixture.sys, await pay('payment.succeeded', succeededFor(seatHold)));
    expect((await refundsOf(seatHold.holdId)).map((e) => e.payload.reason)).toEqual(['NOT_HONOURED']);
    const refused = await queryOnce(
      fixture.sys.url,
      `select meta from audit_log where action = 'hold.sale-refused' and target_id = $1`,
      [seatHold.holdId],
    );
    expect(refused).toEqual([{ meta: expect.objectContaining({ refusal: 'SEAT_UNAVAILABLE' }) }]);
    expect(await queryOnce(fixture.sys.url, 'select status from seat where id = $1', [seats[0]!.id])).toEqual([
      { status: 'AVAILABLE' },
    ]);
    await expectBalanced(fixture.sys.url, seated.sessionId);
  });

  it('when the amount paid is not the hold price, then the sale is refused and refunded', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 1), 'user:ref4');
    await waitApplied(fixture.sys, await pay('payment.succeeded', { ...succeededFor(hold), amountMinor: 1 }));
    await expect(fixture.sys.call('getHold', { holdId: hold.holdId }, 'user:ref4')).resolves.toMatchObject({
      status: 'ACTIVE',
    });
    expect((await refundsOf(hold.holdId)).map((e) => e.payload.reason)).toEqual(['NOT_HONOURED']);
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('a redelivered payment event changes nothing: the same event again, or another event of the same payment', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:dup1');
    const paid = succeededFor(hold);
    const id = await pay('payment.succeeded', paid);
    await waitApplied(fixture.sys, id);
    const after = await countersOf(fixture.sys.url, sessionId);

    await pay('payment.succeeded', paid, { id, msgID: `${id}-again` });
    await waitApplied(fixture.sys, await pay('payment.succeeded', paid));
    await waitApplied(fixture.sys, await pay('payment.failed', failedFor(hold, paid.paymentId)));
    expect(await countersOf(fixture.sys.url, sessionId)).toEqual(after);
    expect(await ticketsOfHold(fixture.sys.url, hold.holdId)).toHaveLength(2);
    await allPublished(fixture.sys);
    const sales = (await publishedEvents(fixture.sys.prefix, 'reservation.hold.sold')).filter(
      (e) => e.payload.holdId === hold.holdId,
    );
    expect(sales).toHaveLength(1);
    expect(await refundsOf(hold.holdId)).toEqual([]);
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('when a second payment succeeds for a hold another payment already bought, then it is refunded', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 1), 'user:dup2');
    await waitApplied(fixture.sys, await pay('payment.succeeded', succeededFor(hold)));
    const second = succeededFor(hold);
    await waitApplied(fixture.sys, await pay('payment.succeeded', second));
    expect((await refundsOf(hold.holdId)).map((e) => e.payload)).toEqual([
      { holdId: hold.holdId, paymentId: second.paymentId, reason: 'NOT_HONOURED' },
    ]);
    expect(await ticketsOfHold(fixture.sys.url, hold.holdId)).toHaveLength(1);
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('when an event has no usable hold id, then it is skipped without holding up the next', async () => {
    await pay('payment.succeeded', { paymentId: randomUUID(), holdId: 'not-a-hold' });
    await pay('payment.refunded', { paymentId: randomUUID(), holdId: randomUUID() });
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const hold = await fixture.sys.call('hold', holdRequest(sessionId, 1), 'user:skip1');
    await waitApplied(fixture.sys, await pay('payment.succeeded', succeededFor(hold)));
    await expectBalanced(fixture.sys.url, sessionId);
  });

  it('a consumer stopped mid-stream applies each event exactly once after it restarts', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 20 });
    const holds: any[] = [];
    for (const user of ['mid1', 'mid2', 'mid3', 'mid4'])
      holds.push(await fixture.sys.call('hold', holdRequest(sessionId, 2), `user:${user}`));
    const firstPaid = succeededFor(holds[0]);
    const first = await pay('payment.succeeded', firstPaid);
    await waitApplied(fixture.sys, first);

    const whileStopped: string[] = [];
    await fixture.sys.restart(async () => {
      // The first event again, as a broker that never saw its ack would redeliver it; the stream
      // delivers in order, so the events after it are applied only once it has been dealt with.
      await pay('payment.succeeded', firstPaid, { id: first, msgID: `${first}-r` });
      whileStopped.push(await pay('payment.succeeded', succeededFor(holds[1])));
      whileStopped.push(await pay('payment.failed', failedFor(holds[2])));
      whileStopped.push(await pay('payment.succeeded', succeededFor(holds[3])));
    });
    for (const id of whileStopped) await waitApplied(fixture.sys, id);

    const statuses = await queryOnce(fixture.sys.url, 'select id, status from hold where id = any($1::uuid[])', [
      holds.map((h) => h.holdId),
    ]);
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
      [holds[0].holdId]: 'SOLD',
      [holds[1].holdId]: 'SOLD',
      [holds[2].holdId]: 'RELEASED',
      [holds[3].holdId]: 'SOLD',
    });
    expect(await countersOf(fixture.sys.url, sessionId)).toMatchObject({ available: 14, held: 0, sold: 6 });
    for (const hold of [holds[0], holds[1], holds[3]])
      expect(await ticketsOfHold(fixture.sys.url, hold.holdId)).toHaveLength(2);
    const inbox = await queryOnce(
      fixture.sys.url,
      'select count(*)::int as n from inbox where event_id = any($1::uuid[])',
      [[first, ...whileStopped]],
    );
    expect(inbox[0]!.n).toBe(4);
    await allPublished(fixture.sys);
    const changes = (await publishedEvents(fixture.sys.prefix)).filter(
      (e) =>
        holds.some((h) => h.holdId === e.payload.holdId) &&
        e.type.startsWith('reservation.') &&
        e.type !== 'reservation.hold.created',
    );
    expect(changes.map((e) => e.type).sort()).toEqual([
      'reservation.hold.released',
      'reservation.hold.sold',
      'reservation.hold.sold',
      'reservation.hold.sold',
    ]);
    await expectBalanced(fixture.sys.url, sessionId);
  });
});
