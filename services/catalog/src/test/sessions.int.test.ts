import Redis from 'ioredis';
import { queryOnce } from '@ticketing/testing';
import { redisStockStore } from '../redis/stock-store';
import { inDays, quantitySession, startTestCatalog, type TestCatalog } from './support';

interface Session {
  id: string;
  eventId: string;
  startAt: string;
  salesOpenAt: string;
  salesCloseAt: string;
  price: { amountMinor: string; currency: string };
  totalStock: number;
  seatingKind: string;
  seats: Array<{ id: string; label: string; section: string; price: { amountMinor: string; currency: string } | null }>;
  remaining: number;
  salesStatus: string;
  queueEnabled: boolean;
  admissionRatePerSec: number;
  maxQueueLength: number;
}

describe('catalog sessions through gRPC against real servers', () => {
  let catalog: TestCatalog;
  let redis: Redis;
  let eventId: string;
  const createSession = (request: object) => catalog.call<Session>('createSession', request, 'admin');
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error,
    );
  const newEvent = async (status = 'PUBLISHED') =>
    (await catalog.call<{ id: string }>('createEvent', { title: 'Concert', venue: 'Arena', status }, 'admin')).id;

  beforeAll(async () => {
    catalog = await startTestCatalog('catalog_sessions');
    redis = new Redis(catalog.config.REDIS_URL);
    eventId = await newEvent();
  });
  afterAll(async () => {
    await redis?.quit();
    await catalog?.teardown();
  });

  it('when an admin creates a quantity session without sales times, then sales open now and close at the start', async () => {
    const startAt = inDays(30);
    const before = Date.now();
    const session = await createSession({
      eventId,
      startAt,
      price: { amountMinor: '99000', currency: 'KRW' },
      totalStock: 500,
      queueEnabled: true,
      admissionRatePerSec: 50,
    });
    expect(session).toMatchObject({
      eventId,
      startAt,
      salesCloseAt: startAt,
      price: { amountMinor: '99000', currency: 'KRW' },
      totalStock: 500,
      seatingKind: 'QUANTITY',
      seats: [],
      remaining: 500,
      salesStatus: 'OPEN',
      queueEnabled: true,
      admissionRatePerSec: 50,
      maxQueueLength: 0,
    });
    expect(Date.parse(session.salesOpenAt)).toBeGreaterThanOrEqual(before - 5);
  });

  it('when the stock is negative or zero, then VALIDATION_FAILED names totalStock', async () => {
    for (const totalStock of [-5, 0]) {
      expect(await failure(createSession(quantitySession(eventId, { totalStock })))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { errors: [{ field: 'totalStock', message: expect.any(String) }] },
      });
    }
  });

  it('when salesCloseAt is before salesOpenAt, then VALIDATION_FAILED names salesCloseAt', async () => {
    expect(
      await failure(createSession(quantitySession(eventId, { salesOpenAt: inDays(10), salesCloseAt: inDays(5) }))),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'salesCloseAt', message: 'must be after salesOpenAt' }] },
    });
  });

  it('when salesCloseAt is after the start, then VALIDATION_FAILED names salesCloseAt', async () => {
    expect(
      await failure(createSession(quantitySession(eventId, { startAt: inDays(10), salesCloseAt: inDays(11) }))),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'salesCloseAt', message: 'must not be after startAt' }] },
    });
  });

  it('when the currency is not ISO-4217 or the price is negative, then each is named', async () => {
    const error = await failure(
      createSession(quantitySession(eventId, { price: { amountMinor: '-1', currency: 'won' } })),
    );
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'price' }, { field: 'currency' }] },
    });
  });

  it('when neither totalStock nor seats is sent, then VALIDATION_FAILED names totalStock', async () => {
    expect(
      await failure(createSession({ eventId, startAt: inDays(30), price: { amountMinor: '1000', currency: 'KRW' } })),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'totalStock' }] },
    });
  });

  it('when an admin creates a seat map, then each seat gets an id, the stock is the seat count, and prices fall back to the session', async () => {
    const session = await createSession({
      eventId,
      startAt: inDays(30),
      price: { amountMinor: '50000', currency: 'KRW' },
      seatMap: {
        seats: [
          { label: 'A1', section: 'VIP', price: { amountMinor: '150000', currency: 'KRW' } },
          { label: ' A2 ' },
          { label: 'B1', section: 'R' },
        ],
      },
    });
    expect(session).toMatchObject({ seatingKind: 'SEAT_MAP', totalStock: 3, remaining: 3 });
    expect(session.seats).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        label: 'A1',
        section: 'VIP',
        price: { amountMinor: '150000', currency: 'KRW' },
      },
      { id: expect.any(String), label: 'A2', section: '', price: null },
      { id: expect.any(String), label: 'B1', section: 'R', price: null },
    ]);
    expect(new Set(session.seats.map((s) => s.id)).size).toBe(3);
    const again = await catalog.call<Session>('getSession', { sessionId: session.id });
    expect(again.seats).toEqual(session.seats);
  });

  it('when seat labels are empty or repeated (in any case), then VALIDATION_FAILED names the seats', async () => {
    const error = await failure(
      createSession({
        eventId,
        startAt: inDays(30),
        price: { amountMinor: '1000', currency: 'KRW' },
        seatMap: { seats: [{ label: 'A1' }, { label: '' }, { label: 'a1' }] },
      }),
    );
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        errors: [
          { field: 'seats[1].label', message: 'must not be empty' },
          { field: 'seats[2].label', message: '"a1" is already used by seats[0]' },
        ],
      },
    });
  });

  it('when a seat is priced in another currency, then VALIDATION_FAILED names its price', async () => {
    const error = await failure(
      createSession({
        eventId,
        startAt: inDays(30),
        price: { amountMinor: '1000', currency: 'KRW' },
        seatMap: { seats: [{ label: 'A1', price: { amountMinor: '5', currency: 'USD' } }] },
      }),
    );
    expect(error).toMatchObject({ details: { errors: [{ field: 'seats[0].price' }] } });
  });

  it('when a seat map has 10,000 seats, then it is stored whole', async () => {
    const seats = Array.from({ length: 10_000 }, (_, i) => ({ label: `R${Math.floor(i / 100)}-${i % 100}` }));
    const session = await createSession({
      eventId,
      startAt: inDays(30),
      price: { amountMinor: '1000', currency: 'KRW' },
      seatMap: { seats },
    });
    expect(session.totalStock).toBe(10_000);
    expect(session.seats).toHaveLength(10_000);
    expect(session.seats[9_999]!.label).toBe('R99-99');
  });

  it('when the event does not exist or is cancelled, then NOT_FOUND or CONFLICT', async () => {
    await expect(createSession(quantitySession('00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const cancelled = await newEvent();
    await catalog.call('updateEvent', { eventId: cancelled, status: 'CANCELLED' }, 'admin');
    await expect(createSession(quantitySession(cancelled))).rejects.toMatchObject({ code: 'CONFLICT' });
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
