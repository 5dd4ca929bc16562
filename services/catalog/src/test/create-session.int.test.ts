import { inDays, quantitySession, startTestCatalog, type SessionReply as Session, type TestCatalog } from './support';

describe('catalog session creation through gRPC against real servers', () => {
  let catalog: TestCatalog;
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
    catalog = await startTestCatalog('catalog_create_session');
    eventId = await newEvent();
  });
  afterAll(() => catalog?.teardown());

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
});
