import Redis from 'ioredis';
import { queryOnce } from '@ticketing/testing';
import { redisStockStore } from '../redis/stock-store';
import { inDays, quantitySession, startTestCatalog, type SessionReply as Session, type TestCatalog } from './support';

describe('catalog session listing and updates through gRPC against real servers', () => {
  let catalog: TestCatalog;
  let redis: Redis;
  let eventId: string;
  const createSession = (request: object) => catalog.call<Session>('createSession', request, 'admin');
  const newEvent = async (status = 'PUBLISHED') =>
    (await catalog.call<{ id: string }>('createEvent', { title: 'Concert', venue: 'Arena', status }, 'admin')).id;

  beforeAll(async () => {
    catalog = await startTestCatalog('catalog_session_updates');
    redis = new Redis(catalog.config.REDIS_URL);
    eventId = await newEvent();
  });
  afterAll(async () => {
    await redis?.quit();
    await catalog?.teardown();
  });

  it('when sessions are listed, then they come by start time with remaining and status, page by page', async () => {
    const event = await newEvent();
    await createSession(quantitySession(event, { startAt: inDays(20), totalStock: 20 }));
    await createSession(quantitySession(event, { startAt: inDays(10), totalStock: 10 }));
    await createSession(quantitySession(event, { startAt: inDays(30), salesOpenAt: inDays(5), totalStock: 30 }));
    const first = await catalog.call<{ items: Session[]; nextCursor: string }>('listSessions', {
      eventId: event,
      pageSize: 2,
    });
    expect(first.items.map((s) => [s.totalStock, s.remaining, s.salesStatus])).toEqual([
      [10, 10, 'OPEN'],
      [20, 20, 'OPEN'],
    ]);
    const second = await catalog.call<{ items: Session[]; nextCursor: string }>('listSessions', {
      eventId: event,
      pageSize: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((s) => [s.totalStock, s.salesStatus])).toEqual([[30, 'NOT_YET_OPEN']]);
    expect(second.nextCursor).toBe('');
  });

  it('when the event is a draft, then buyers get NOT_FOUND for its sessions and admins see them', async () => {
    const draft = await newEvent('DRAFT');
    const session = await createSession(quantitySession(draft));
    await expect(catalog.call('listSessions', { eventId: draft })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(catalog.call('getSession', { sessionId: session.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      catalog.call('listSessions', { eventId: draft, includeUnpublished: true }, 'user'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      catalog.call('listSessions', { eventId: draft, includeUnpublished: true }, 'admin'),
    ).resolves.toMatchObject({ items: [{ id: session.id }] });
    await expect(catalog.call('getSession', { sessionId: session.id }, 'admin')).resolves.toMatchObject({
      id: session.id,
    });
  });

  it('when remaining is 0, then the session shows SOLD_OUT', async () => {
    const event = await newEvent();
    const session = await createSession(quantitySession(event, { totalStock: 2 }));
    await redisStockStore(redis, catalog.config.REDIS_KEY_PREFIX).record(session.id, {
      version: 5,
      total: 2,
      available: 0,
      held: 1,
      sold: 1,
    });
    const page = await catalog.call<{ items: Session[] }>('listSessions', { eventId: event });
    expect(page.items[0]).toMatchObject({ id: session.id, remaining: 0, salesStatus: 'SOLD_OUT' });
    await expect(catalog.call('getSession', { sessionId: session.id })).resolves.toMatchObject({
      remaining: 0,
      salesStatus: 'SOLD_OUT',
    });
  });

  describe('updates', () => {
    let session: Session;
    beforeEach(async () => {
      session = await createSession(quantitySession(eventId, { totalStock: 100 }));
    });

    it('when an admin raises totalStock, then it changes, remaining follows, and the change is audited', async () => {
      const updated = await catalog.call<Session>('updateSession', { sessionId: session.id, totalStock: 150 }, 'admin');
      expect(updated).toMatchObject({ totalStock: 150, remaining: 150 });
      const audit = await queryOnce<{ action: string; meta: { changed: string[] } }>(
        catalog.config.DATABASE_URL,
        'select action, meta from audit_log where target_id = $1 order by id',
        [session.id],
      );
      expect(audit.map((r) => [r.action, r.meta.changed ?? null])).toEqual([
        ['session.created', null],
        ['session.updated', ['totalStock']],
      ]);
    });

    it('when totalStock would drop below held + sold, then CONFLICT; down to exactly that is fine', async () => {
      await redisStockStore(redis, catalog.config.REDIS_KEY_PREFIX).record(session.id, {
        version: 3,
        total: 100,
        available: 40,
        held: 10,
        sold: 50,
      });
      await expect(
        catalog.call('updateSession', { sessionId: session.id, totalStock: 59 }, 'admin'),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(
        catalog.call('updateSession', { sessionId: session.id, totalStock: 60 }, 'admin'),
      ).resolves.toMatchObject({ totalStock: 60, remaining: 0 });
    });

    it('when only the price changes, then the times and stock stay', async () => {
      const updated = await catalog.call<Session>(
        'updateSession',
        { sessionId: session.id, price: { amountMinor: '120000', currency: '' } },
        'admin',
      );
      expect(updated).toMatchObject({
        price: { amountMinor: '120000', currency: 'KRW' },
        totalStock: 100,
        startAt: session.startAt,
        salesOpenAt: session.salesOpenAt,
      });
    });

    it('when the price comes in another currency, then CONFLICT: a session keeps its currency', async () => {
      await expect(
        catalog.call(
          'updateSession',
          { sessionId: session.id, price: { amountMinor: '100', currency: 'USD' } },
          'admin',
        ),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('when the new window closes after the start, then VALIDATION_FAILED and nothing changes', async () => {
      const later = new Date(Date.parse(session.startAt) + 60_000).toISOString();
      await expect(
        catalog.call('updateSession', { sessionId: session.id, salesCloseAt: later }, 'admin'),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(catalog.call('getSession', { sessionId: session.id })).resolves.toMatchObject({
        salesCloseAt: session.salesCloseAt,
      });
    });

    it('when a buyer tries to update a session, then FORBIDDEN', async () => {
      await expect(
        catalog.call('updateSession', { sessionId: session.id, totalStock: 1 }, 'user'),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('when the stock of a seat map would change, then CONFLICT: the seats are the stock', async () => {
      const seatMap = await createSession({
        eventId,
        startAt: inDays(30),
        price: { amountMinor: '1000', currency: 'KRW' },
        seatMap: { seats: [{ label: 'A1' }] },
      });
      await expect(
        catalog.call('updateSession', { sessionId: seatMap.id, totalStock: 2 }, 'admin'),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });
  });
});
