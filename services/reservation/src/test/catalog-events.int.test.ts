import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connectNats, type EventEnvelope, type NatsConnection } from '@ticketing/nats-kit';
import { TEST_NATS_URL, queryOnce } from '@ticketing/testing';
import {
  allPublished,
  countersOf,
  eventually,
  holdRequest,
  publishedEvents,
  sessionPayload,
  startTestReservation,
  type TestReservation,
} from './harness';

/** Stock and seats come from catalog's session events, consumed from the real stream with an inbox. */
describe('stock built from catalog events', () => {
  let sys: TestReservation;
  let nc: NatsConnection;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_catalog_events');
    nc = await connectNats(TEST_NATS_URL, 'catalog-events-test');
  });
  afterAll(async () => {
    await nc.close();
    await sys.close();
  });

  /**
   * Publishes as catalog's relay does; `copy` gives the same event another Nats-Msg-Id,
   * as a redelivery past the server's window would be.
   */
  async function publish(type: string, payload: object, id: string = randomUUID(), copy = '') {
    const envelope: EventEnvelope = { id, type, occurredAt: new Date().toISOString(), payload };
    await jetstream(nc).publish(`${sys.prefix}.${type}`, JSON.stringify(envelope), { msgID: id + copy });
    return id;
  }
  const applied = (eventId: string) => async () =>
    (
      await queryOnce(sys.url, `select 1 from inbox where consumer = 'reservation-catalog' and event_id = $1`, [
        eventId,
      ])
    ).length === 1;
  const stockRow = (sessionId: string) => queryOnce(sys.url, 'select * from stock where session_id = $1', [sessionId]);

  it('stockIsCreatedFromSessionCreated: every ticket available, and catalog is told the count', async () => {
    const session = sessionPayload({ totalStock: 25 });
    await eventually(applied(await publish('catalog.session.created', session)));
    expect(await countersOf(sys.url, session.sessionId)).toEqual({
      total: 25,
      available: 25,
      held: 0,
      sold: 0,
      version: 1,
    });
    await expect(sys.call('hold', holdRequest(session.sessionId, 2), 'user:c1')).resolves.toMatchObject({
      event: { title: 'Spring Concert' },
    });
    await allPublished(sys);
    const changes = (await publishedEvents(sys.prefix, 'reservation.stock.changed')).filter(
      (e) => e.payload.sessionId === session.sessionId,
    );
    expect(changes.map((e) => e.payload)).toEqual([
      { sessionId: session.sessionId, version: 1, total: 25, available: 25, held: 0, sold: 0 },
      { sessionId: session.sessionId, version: 2, total: 25, available: 23, held: 2, sold: 0 },
    ]);
  });

  it('redeliveredEventChangesNothing: the same event id again is skipped by the inbox', async () => {
    const session = sessionPayload({ totalStock: 10 });
    const id = await publish('catalog.session.created', session);
    await eventually(applied(id));
    await sys.call('hold', holdRequest(session.sessionId, 3), 'user:c2');
    await publish('catalog.session.created', session, id, '-again');
    await publish('catalog.session.updated', { ...session, totalStock: 10, version: 2 });
    const marker = await publish('catalog.session.updated', { ...session, totalStock: 10, version: 3 });
    await eventually(applied(marker));
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 10, available: 7, held: 3 });
    expect((await publishedEvents(sys.prefix, 'catalog.session.created')).filter((e) => e.id === id)).toHaveLength(2);
    const audit = await queryOnce(
      sys.url,
      `select action from audit_log where target_id = $1 and action like 'stock.%' order by id`,
      [session.sessionId],
    );
    expect(audit.map((r) => r.action)).toEqual(['stock.created', 'stock.updated', 'stock.updated']);
  });

  it('staleVersionIsIgnored: an update older than what was applied changes neither facts nor counters', async () => {
    const session = sessionPayload({ totalStock: 10 });
    await publish('catalog.session.created', session);
    await eventually(
      applied(
        await publish('catalog.session.updated', { ...session, eventTitle: 'Renamed', totalStock: 12, version: 3 }),
      ),
    );
    await eventually(
      applied(
        await publish('catalog.session.updated', { ...session, eventTitle: 'Old name', totalStock: 99, version: 2 }),
      ),
    );
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 12, available: 12 });
    expect((await stockRow(session.sessionId))[0]).toMatchObject({ event_title: 'Renamed', catalog_version: 3 });
  });

  it('totalChangeMovesAvailable: raising or lowering the total moves available by the difference', async () => {
    const session = sessionPayload({ totalStock: 10 });
    await eventually(applied(await publish('catalog.session.created', session)));
    await sys.call('hold', holdRequest(session.sessionId, 4), 'user:c3');
    await eventually(applied(await publish('catalog.session.updated', { ...session, totalStock: 20, version: 2 })));
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 20, available: 16, held: 4 });
    await eventually(applied(await publish('catalog.session.updated', { ...session, totalStock: 5, version: 3 })));
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 5, available: 1, held: 4 });
  });

  it('totalBelowHeldAndSoldIsRefused: the total stays, the other facts apply', async () => {
    const session = sessionPayload({ totalStock: 10 });
    await eventually(applied(await publish('catalog.session.created', session)));
    await sys.call('hold', holdRequest(session.sessionId, 4), 'user:c4');
    await sys.call('hold', holdRequest(session.sessionId, 4), 'user:c5');
    await eventually(
      applied(await publish('catalog.session.updated', { ...session, venue: 'New Hall', totalStock: 5, version: 2 })),
    );
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 10, available: 2, held: 8 });
    expect((await stockRow(session.sessionId))[0]).toMatchObject({ venue: 'New Hall', catalog_version: 2 });
  });

  it('seatMapSessionCreatesItsSeats: one AVAILABLE seat per seat of the map', async () => {
    const seats = ['A1', 'A2', 'B1'].map((label) => ({
      id: randomUUID(),
      label,
      section: label[0],
      priceMinor: 70000,
    }));
    const session = sessionPayload({ seatingKind: 'SEAT_MAP', totalStock: 3, seats });
    await eventually(applied(await publish('catalog.session.created', session)));
    const stored = await queryOnce(sys.url, 'select id, label, status from seat where session_id = $1 order by label', [
      session.sessionId,
    ]);
    expect(stored).toEqual(seats.map((s) => ({ id: s.id, label: s.label, status: 'AVAILABLE' })));
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 3, available: 3 });
  });

  it('deletedSessionTakesNoHolds: after catalog.session.deleted a hold is NOT_FOUND', async () => {
    const session = sessionPayload();
    await eventually(applied(await publish('catalog.session.created', session)));
    await eventually(
      applied(
        await publish('catalog.session.deleted', {
          sessionId: session.sessionId,
          eventId: session.eventId,
          version: 2,
        }),
      ),
    );
    await expect(sys.call('hold', holdRequest(session.sessionId, 1), 'user:c6')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('unusableEventIsSkippedWithoutBlocking: a session event that can never apply does not hold up the next', async () => {
    const broken = await publish('catalog.session.created', { sessionId: randomUUID(), totalStock: -4 });
    const session = sessionPayload();
    await eventually(applied(await publish('catalog.session.created', session)));
    expect(await applied(broken)()).toBe(true);
    expect(await countersOf(sys.url, session.sessionId)).toMatchObject({ total: 10 });
  });
});
