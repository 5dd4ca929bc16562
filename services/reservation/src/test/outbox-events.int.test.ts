import { queryOnce } from '@ticketing/testing';
import { markHoldSold } from '../app/mark-hold-sold';
import {
  allPublished,
  countersOf,
  holdRequest,
  publishedEvents,
  seedSession,
  startTestReservation,
  type TestReservation,
} from './harness';

/** Every change writes its events in its own transaction; the relay publishes them to the real stream. */
describe('reservation events on the stream', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_outbox');
  });
  afterAll(() => sys.close());

  const eventsOf = async (sessionId: string) => {
    await allPublished(sys);
    return (await publishedEvents(sys.prefix)).filter(
      (e) => e.type.startsWith('reservation.') && e.payload.sessionId === sessionId,
    );
  };

  it('eachChangePublishesItsEvents: created, released, sold and expired, each with a stock change of a higher version', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 10 });
    const released = await sys.call('hold', holdRequest(sessionId, 2), 'user:o1');
    await sys.call('release', { holdId: released.holdId }, 'user:o1');
    const sold = await sys.call('hold', holdRequest(sessionId, 3), 'user:o2');
    await markHoldSold(sys.app.deps, sold.holdId);
    const expired = await sys.call('hold', holdRequest(sessionId, 1), 'user:o3');
    await queryOnce(sys.url, `update hold set expires_at = now() - interval '1 second' where id = $1`, [
      expired.holdId,
    ]);
    await sys.app.sweeper.sweep();

    const events = await eventsOf(sessionId);
    expect(events.map((e) => [e.type, e.payload.holdId ?? e.payload.version])).toEqual([
      ['reservation.stock.changed', 1],
      ['reservation.hold.created', released.holdId],
      ['reservation.stock.changed', 2],
      ['reservation.hold.released', released.holdId],
      ['reservation.stock.changed', 3],
      ['reservation.hold.created', sold.holdId],
      ['reservation.stock.changed', 4],
      ['reservation.hold.sold', sold.holdId],
      ['reservation.stock.changed', 5],
      ['reservation.hold.created', expired.holdId],
      ['reservation.stock.changed', 6],
      ['reservation.hold.expired', expired.holdId],
      ['reservation.stock.changed', 7],
    ]);
    expect(events[1]!.payload).toEqual({
      holdId: released.holdId,
      sessionId,
      userId: 'o1',
      quantity: 2,
      seatIds: [],
      status: 'ACTIVE',
      expiresAt: released.expiresAt,
      totalPrice: { amountMinor: 110000, currency: 'KRW' },
    });
    const last = events[events.length - 1]!.payload;
    const { version: _v, ...counters } = await countersOf(sys.url, sessionId);
    expect(last).toEqual({ sessionId, version: 7, ...counters });
    expect(counters).toEqual({ total: 10, available: 7, held: 0, sold: 3 });
  });

  it('aBatchPublishesOneHoldCreatedPerHoldAndOneStockChange', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 100 });
    const before = sys.app.holdTickets.stats().batches;
    await Promise.all(Array.from({ length: 30 }, (_, i) => sys.call('hold', holdRequest(sessionId, 1), `user:ob${i}`)));
    const batches = sys.app.holdTickets.stats().batches - before;
    const events = await eventsOf(sessionId);
    expect(events.filter((e) => e.type === 'reservation.hold.created')).toHaveLength(30);
    const changes = events
      .filter((e) => e.type === 'reservation.stock.changed')
      .map((e) => e.payload.version as number);
    expect(changes).toHaveLength(1 + batches);
    expect(changes).toEqual([...changes].sort((a, b) => a - b));
    expect(changes[changes.length - 1]).toBe((await countersOf(sys.url, sessionId)).version);
  });

  it('whenTheRelayDiesBetweenPublishAndMark, then the event is published again and the stream keeps one copy', async () => {
    const { sessionId } = await seedSession(sys.app);
    const hold = await sys.call('hold', holdRequest(sessionId, 1), 'user:o9');
    await allPublished(sys);
    const reset = await queryOnce(
      sys.url,
      `update outbox set published_at = null where payload->>'holdId' = $1 returning id`,
      [hold.holdId],
    );
    expect(reset).toHaveLength(1);
    await allPublished(sys);
    const copies = (await eventsOf(sessionId)).filter((e) => e.payload.holdId === hold.holdId);
    expect(copies).toHaveLength(1);
  });
});
