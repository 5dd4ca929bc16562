import { queryOnce } from '@ticketing/testing';
import { eventually, inDays, quantitySession, readEnvelopes, startTestCatalog, type TestCatalog } from './support';

describe('session events through the transactional outbox to the real JetStream', () => {
  let catalog: TestCatalog;
  let event: { id: string };
  const outboxRows = (sessionId: string) =>
    queryOnce<{ id: string; type: string; published_at: Date | null }>(
      catalog.config.DATABASE_URL,
      "select id, type, published_at from outbox where payload->>'sessionId' = $1 order by seq",
      [sessionId],
    );
  const eventsOf = async (type: string, sessionId: string) =>
    (await readEnvelopes(catalog, type)).filter((e) => e.payload.sessionId === sessionId);

  beforeAll(async () => {
    catalog = await startTestCatalog('catalog_outbox');
    event = await catalog.call(
      'createEvent',
      { title: 'Outbox Live', venue: 'Olympic Hall', status: 'PUBLISHED' },
      'admin',
    );
  });
  afterAll(() => catalog?.teardown());

  it('when a quantity session is created, then catalog.session.created carries everything reservation needs', async () => {
    const session = await catalog.call(
      'createSession',
      quantitySession(event.id, { totalStock: 300, queueEnabled: true, admissionRatePerSec: 20 }),
      'admin',
    );
    const [published] = await eventually(async () => {
      const found = await eventsOf('catalog.session.created', session.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(published).toEqual({
      id: expect.any(String),
      type: 'catalog.session.created',
      occurredAt: expect.any(String),
      payload: {
        sessionId: session.id,
        eventId: event.id,
        eventTitle: 'Outbox Live',
        venue: 'Olympic Hall',
        eventStatus: 'PUBLISHED',
        startAt: session.startAt,
        salesOpenAt: session.salesOpenAt,
        salesCloseAt: session.salesCloseAt,
        seatingKind: 'QUANTITY',
        totalStock: 300,
        priceMinor: 99000,
        currency: 'KRW',
        queueEnabled: true,
        admissionRatePerSec: 20,
        maxQueueLength: 0,
        version: 1,
      },
    });
    expect((await outboxRows(session.id)).map((r) => r.id)).toEqual([published!.id]);
  });

  it('when a seat map is created, then its event carries the same seat ids GetSession shows, with effective prices', async () => {
    const session = await catalog.call(
      'createSession',
      {
        eventId: event.id,
        startAt: inDays(20),
        price: { amountMinor: '70000', currency: 'KRW' },
        seatMap: {
          seats: [{ label: 'A1', section: 'VIP', price: { amountMinor: '120000', currency: 'KRW' } }, { label: 'A2' }],
        },
      },
      'admin',
    );
    const [published] = await eventually(async () => {
      const found = await eventsOf('catalog.session.created', session.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(published!.payload).toMatchObject({ seatingKind: 'SEAT_MAP', totalStock: 2, version: 1 });
    expect(published!.payload.seats).toEqual([
      { id: session.seats[0].id, label: 'A1', section: 'VIP', priceMinor: 120000 },
      { id: session.seats[1].id, label: 'A2', section: '', priceMinor: 70000 },
    ]);
  });

  it('when a session and then its event change, then catalog.session.updated comes with a higher version each time', async () => {
    const own = await catalog.call<{ id: string }>(
      'createEvent',
      { title: 'Versioned', venue: 'Hall V', status: 'PUBLISHED' },
      'admin',
    );
    const session = await catalog.call('createSession', quantitySession(own.id, { totalStock: 10 }), 'admin');
    await catalog.call('updateSession', { sessionId: session.id, totalStock: 20 }, 'admin');
    await catalog.call('updateEvent', { eventId: own.id, title: 'Versioned (moved)', venue: 'Hall W' }, 'admin');
    const updates = await eventually(async () => {
      const found = await eventsOf('catalog.session.updated', session.id);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(
      updates.map((u) => [u.payload.version, u.payload.totalStock, u.payload.eventTitle, u.payload.venue]),
    ).toEqual([
      [2, 20, 'Versioned', 'Hall V'],
      [3, 20, 'Versioned (moved)', 'Hall W'],
    ]);
  });

  it('when a change fails after its event was written, then neither the change nor the event is kept', async () => {
    const session = await catalog.call('createSession', quantitySession(event.id, { totalStock: 50 }), 'admin');
    await eventually(async () => expect((await outboxRows(session.id)).every((r) => r.published_at)).toBe(true));
    // The audit insert comes after the outbox insert in the same transaction: making it fail
    // proves the outbox row is rolled back with the change.
    await queryOnce(
      catalog.config.DATABASE_URL,
      `
      create or replace function fail_session_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit log unavailable'; end $$;
      create trigger fail_session_audit before insert on audit_log for each row
      when (new.action = 'session.updated') execute function fail_session_audit();`,
    );
    try {
      await expect(
        catalog.call('updateSession', { sessionId: session.id, totalStock: 60 }, 'admin'),
      ).rejects.toMatchObject({ code: 'INTERNAL' });
    } finally {
      await queryOnce(catalog.config.DATABASE_URL, 'drop trigger fail_session_audit on audit_log');
    }
    expect((await outboxRows(session.id)).map((r) => r.type)).toEqual(['catalog.session.created']);
    await expect(catalog.call('getSession', { sessionId: session.id })).resolves.toMatchObject({ totalStock: 50 });
    await catalog.app.relay.flush();
    expect(await eventsOf('catalog.session.updated', session.id)).toEqual([]);
  });

  it('when the publisher restarts after publishing but before marking the row, then the stream still holds the event once', async () => {
    const session = await catalog.call('createSession', quantitySession(event.id, { totalStock: 7 }), 'admin');
    const [row] = await eventually(async () => {
      const rows = await outboxRows(session.id);
      expect(rows[0]?.published_at).toBeTruthy();
      return rows;
    });
    await catalog.stopService();
    // What a crash between "published" and "marked" leaves behind.
    await queryOnce(catalog.config.DATABASE_URL, 'update outbox set published_at = null where id = $1', [row!.id]);
    await catalog.restart();
    await eventually(async () => expect((await outboxRows(session.id))[0]?.published_at).toBeTruthy());
    const published = await eventsOf('catalog.session.created', session.id);
    expect(published.map((e) => e.id)).toEqual([row!.id]);
  });

  it('when a seat map would make an event larger than the broker accepts, then VALIDATION_FAILED and nothing is stored', async () => {
    const seats = Array.from({ length: 10_000 }, (_, i) => ({
      label: `L${String(i).padStart(19, '0')}`,
      section: 'S'.repeat(20),
    }));
    const request = {
      eventId: event.id,
      startAt: inDays(40),
      price: { amountMinor: '1000', currency: 'KRW' },
      seatMap: { seats },
    };
    await expect(catalog.call('createSession', request, 'admin')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'seats' }] },
    });
    const stored = await queryOnce(catalog.config.DATABASE_URL, 'select 1 from session where start_at = $1', [
      request.startAt,
    ]);
    expect(stored).toHaveLength(0);
  });
});
