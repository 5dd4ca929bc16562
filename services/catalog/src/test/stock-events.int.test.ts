import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connectNats } from '@ticketing/nats-kit';
import { queryOnce, TEST_NATS_URL } from '@ticketing/testing';
import { STOCK_CHANGED_DURABLE } from '../events/stock-changed.consumer';
import { eventually, quantitySession, startTestCatalog, type TestCatalog } from './support';

interface Session {
  id: string;
  remaining: number;
  totalStock: number;
  salesStatus: string;
}

describe('remaining stock from reservation.stock.changed on the real stream', () => {
  let catalog: TestCatalog;
  let eventId: string;

  const publish = (payload: object | string) => {
    const id = randomUUID();
    const body =
      typeof payload === 'string'
        ? payload
        : JSON.stringify({ id, type: 'reservation.stock.changed', occurredAt: new Date().toISOString(), payload });
    return jetstream(catalog.app.nats).publish(
      `${catalog.config.EVENT_SUBJECT_PREFIX}.reservation.stock.changed`,
      body,
      { msgID: id },
    );
  };
  const counts = (sessionId: string, version: number, available: number, total = 10) => ({
    sessionId,
    version,
    total,
    available,
    held: 0,
    sold: total - available,
  });
  const session = (id: string) => catalog.call<Session>('getSession', { sessionId: id });
  const newSession = async (totalStock = 10) =>
    catalog.call<Session>('createSession', quantitySession(eventId, { totalStock }), 'admin');

  beforeAll(async () => {
    catalog = await startTestCatalog('catalog_stock_events');
    eventId = (
      await catalog.call<{ id: string }>(
        'createEvent',
        { title: 'Counts', venue: 'Hall', status: 'PUBLISHED' },
        'admin',
      )
    ).id;
  });
  afterAll(() => catalog?.teardown());

  it('when no stock event has arrived yet, then remaining is the total stock', async () => {
    const created = await newSession(25);
    await expect(session(created.id)).resolves.toMatchObject({ remaining: 25, salesStatus: 'OPEN' });
  });

  it('when a stock event arrives, then remaining shows what reservation has available', async () => {
    const created = await newSession();
    await publish(counts(created.id, 1, 6));
    await eventually(async () => expect(await session(created.id)).toMatchObject({ remaining: 6 }));
  });

  it('when an older version arrives after a newer one, then it is ignored', async () => {
    const created = await newSession();
    const marker = await newSession();
    await publish(counts(created.id, 3, 2));
    await publish(counts(created.id, 2, 8));
    await publish(counts(created.id, 1, 9));
    // Events of one subject are handled in order, so once the marker is applied the stale ones were seen.
    await publish(counts(marker.id, 1, 5));
    await eventually(async () => expect(await session(marker.id)).toMatchObject({ remaining: 5 }));
    await expect(session(created.id)).resolves.toMatchObject({ remaining: 2 });
  });

  it('when an event id is delivered again (past the broker de-duplication), then the inbox skips it', async () => {
    const created = await newSession();
    const marker = await newSession();
    const id = randomUUID();
    const envelope = (payload: object) =>
      JSON.stringify({ id, type: 'reservation.stock.changed', occurredAt: new Date().toISOString(), payload });
    const js = jetstream(catalog.app.nats);
    const subject = `${catalog.config.EVENT_SUBJECT_PREFIX}.reservation.stock.changed`;
    await js.publish(subject, envelope(counts(created.id, 1, 4)), { msgID: id });
    // Same event id, different message id: only the consumer's inbox can tell it was seen.
    await js.publish(subject, envelope(counts(created.id, 2, 3)), { msgID: `${id}-redelivered` });
    await publish(counts(marker.id, 1, 5));
    await eventually(async () => expect(await session(marker.id)).toMatchObject({ remaining: 5 }));
    await expect(session(created.id)).resolves.toMatchObject({ remaining: 4 });
  });

  it('when everything is held or sold, then the listing shows SOLD_OUT with remaining 0', async () => {
    const created = await newSession();
    await publish({ sessionId: created.id, version: 7, total: 10, available: 0, held: 3, sold: 7 });
    await eventually(async () => {
      const page = await catalog.call<{ items: Session[] }>('listSessions', { eventId, pageSize: 100 });
      expect(page.items.find((s) => s.id === created.id)).toMatchObject({ remaining: 0, salesStatus: 'SOLD_OUT' });
    });
  });

  it('when a poisoned message or an unusable payload arrives, then it is skipped and later events still apply', async () => {
    const created = await newSession();
    await publish('{not json');
    await publish({ sessionId: created.id, version: 'two', total: 10 });
    await publish(counts(created.id, 2, 1));
    await eventually(async () => expect(await session(created.id)).toMatchObject({ remaining: 1 }));
  });

  it('when a burst of reordered and repeated events waits for the consumer, then it is applied in a few transactions and each session ends at its newest version', async () => {
    const sessions = await Promise.all([newSession(), newSession(), newSession()]);
    const burst = sessions.flatMap((s, i) =>
      [4, 1, 6, 2, 5, 3].map((version) => ({ id: randomUUID(), payload: counts(s.id, version, 10 - version - i) })),
    );
    await catalog.stopService();
    // Published while the catalog is down, so the restarted consumer finds the whole burst delivered at once.
    const nc = await connectNats(TEST_NATS_URL, 'catalog-stock-burst');
    try {
      const js = jetstream(nc);
      const subject = `${catalog.config.EVENT_SUBJECT_PREFIX}.reservation.stock.changed`;
      const envelope = (e: (typeof burst)[number]) =>
        JSON.stringify({
          id: e.id,
          type: 'reservation.stock.changed',
          occurredAt: new Date().toISOString(),
          payload: e.payload,
        });
      for (const e of burst) await js.publish(subject, envelope(e), { msgID: e.id });
      // The same events once more, past the broker's de-duplication: the inbox has to drop them.
      for (const e of burst.slice(0, 6)) await js.publish(subject, envelope(e), { msgID: `${e.id}-again` });
    } finally {
      await nc.close();
    }
    await catalog.restart();
    for (const [i, s] of sessions.entries()) {
      await eventually(async () => expect(await session(s.id)).toMatchObject({ remaining: 10 - 6 - i }));
    }
    const inbox = await queryOnce<{ events: number; transactions: number }>(
      catalog.config.DATABASE_URL,
      'select count(*)::int as events, count(distinct processed_at)::int as transactions from inbox where consumer = $1 and event_id = any($2::uuid[])',
      [STOCK_CHANGED_DURABLE, burst.map((e) => e.id)],
    );
    expect(inbox[0]!.events).toBe(burst.length);
    expect(inbox[0]!.transactions).toBeLessThan(burst.length);
  });
});
