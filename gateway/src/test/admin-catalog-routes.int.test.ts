import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import { EVENT_ID, event, fakeCatalog, quantityBody, SEAT_ID, SESSION_ID } from './catalog-fixtures';
import { signingKey, startHarness, type Harness } from './harness';

/** The admin catalog routes over a canned catalog: access, mapping of bodies to the contract, validation. */
const catalog = fakeCatalog();
const { calls, lastCall } = catalog;

describe('admin catalog routes of the gateway', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let adminToken: string;
  let userToken: string;

  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object, token?: string) =>
    app.inject({ method, url, payload: body, headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness({ catalog: catalog.methods }, key);
    app = harness.app;
    adminToken = await key.sign({ sub: 'admin-1', roles: ['ADMIN'] });
    userToken = await key.sign({ sub: 'user-1', roles: ['USER'] });
  });
  afterAll(() => harness.close());
  beforeEach(() => catalog.reset());

  // Every row has three cells: jest would hand a shorter row's missing argument a `done` callback.
  const adminRoutes: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string, object | undefined]> = [
    ['GET', '/api/admin/events', undefined],
    ['POST', '/api/admin/events', { title: 't', venue: 'v' }],
    ['GET', `/api/admin/events/${EVENT_ID}`, undefined],
    ['PATCH', `/api/admin/events/${EVENT_ID}`, { title: 't' }],
    ['DELETE', `/api/admin/events/${EVENT_ID}`, undefined],
    ['GET', `/api/admin/events/${EVENT_ID}/sessions`, undefined],
    ['POST', `/api/admin/events/${EVENT_ID}/sessions`, quantityBody],
    ['GET', `/api/admin/sessions/${SESSION_ID}`, undefined],
    ['PATCH', `/api/admin/sessions/${SESSION_ID}`, { totalStock: 5 }],
  ];

  it.each(adminRoutes)(
    'when %s %s is called without a token, then 401; as a USER, then 403; the catalog is never asked',
    async (method, url, body) => {
      expect((await send(method, url, body)).json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      expect((await send(method, url, body, userToken)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(calls).toEqual([]);
    },
  );

  it('when an admin creates an event, then 201 with the event, and the catalog gets the fields and the token', async () => {
    const response = await send(
      'POST',
      '/api/admin/events',
      { title: 'Spring Concert', venue: 'Seoul Arena', status: 'PUBLISHED' },
      adminToken,
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ ...event, status: 'PUBLISHED' });
    expect(lastCall()).toEqual({
      method: 'createEvent',
      request: expect.objectContaining({
        title: 'Spring Concert',
        description: '',
        venue: 'Seoul Arena',
        status: 'PUBLISHED',
      }),
      authorization: `Bearer ${adminToken}`,
    });
  });

  it.each([
    ['an unknown field', { title: 't', venue: 'v', owner: 'me' }],
    ['an empty title', { title: '', venue: 'v' }],
    ['a title over 200 characters', { title: 'x'.repeat(201), venue: 'v' }],
    ['a CANCELLED new event', { title: 't', venue: 'v', status: 'CANCELLED' }],
  ])('when a new event has %s, then 400 VALIDATION_FAILED before the catalog is asked', async (_, body) => {
    expect((await send('POST', '/api/admin/events', body, adminToken)).json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(calls).toEqual([]);
  });

  it('when an admin creates a quantity session, then the catalog gets Money and a count, and the answer is flat', async () => {
    const response = await send(
      'POST',
      `/api/admin/events/${EVENT_ID}/sessions`,
      { ...quantityBody, queueEnabled: true },
      adminToken,
    );
    expect(response.statusCode).toBe(201);
    expect(lastCall().request).toMatchObject({
      eventId: EVENT_ID,
      startAt: '2027-03-01T19:00:00+09:00',
      salesOpenAt: '',
      salesCloseAt: '',
      price: { amountMinor: '99000', currency: 'KRW' },
      totalStock: 100,
      seating: 'totalStock',
      queueEnabled: true,
    });
    expect(response.json()).toMatchObject({
      id: SESSION_ID,
      price: 99000,
      currency: 'KRW',
      status: 'OPEN',
      admissionRatePerSec: 50,
    });
  });

  it('when an admin creates a seat map, then seat prices go in the session currency and seats come back with ids', async () => {
    const seats = [{ label: 'A1', section: 'VIP', price: 150000 }, { label: 'A2' }];
    const response = await send(
      'POST',
      `/api/admin/events/${EVENT_ID}/sessions`,
      { startAt: quantityBody.startAt, price: 99000, currency: 'KRW', seats },
      adminToken,
    );
    expect(response.statusCode).toBe(201);
    expect(lastCall().request.seating).toBe('seatMap');
    expect(lastCall().request.seatMap.seats).toEqual([
      { label: 'A1', section: 'VIP', price: { amountMinor: '150000', currency: 'KRW' } },
      { label: 'A2', section: '', price: null },
    ]);
    expect(response.json().seats).toEqual([
      { id: SEAT_ID, label: 'A1', section: 'VIP', price: 150000 },
      { id: expect.any(String), label: 'A2', section: '', price: null },
    ]);
  });

  it('when a seat map has 10,000 seats, then the body is accepted although it is far above the API-wide limit', async () => {
    const seats = Array.from({ length: 10_000 }, (_, i) => ({ label: `R${i}`, section: 'Floor', price: 120000 }));
    const response = await send(
      'POST',
      `/api/admin/events/${EVENT_ID}/sessions`,
      { ...quantityBody, totalStock: undefined, seats },
      adminToken,
    );
    expect(response.statusCode).toBe(201);
    expect(lastCall().request.seatMap.seats).toHaveLength(10_000);
  });

  it.each([
    ['negative stock', { ...quantityBody, totalStock: -1 }, '/totalStock'],
    ['an empty seat label', { ...quantityBody, totalStock: undefined, seats: [{ label: '' }] }, '/seats/0/label'],
    ['a start time without a time zone', { ...quantityBody, startAt: '2027-03-01T19:00:00' }, '/startAt'],
    ['a fractional price', { ...quantityBody, price: 10.5 }, '/price'],
    ['a lower-case currency', { ...quantityBody, currency: 'krw' }, '/currency'],
    ['both totalStock and seats', { ...quantityBody, seats: [{ label: 'A1' }] }, '/seats'],
  ])(
    'when a new session has %s, then 400 VALIDATION_FAILED naming the field, and the catalog is not asked',
    async (_, body, field) => {
      const response = await send('POST', `/api/admin/events/${EVENT_ID}/sessions`, body, adminToken);
      expect(response.json()).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field })],
      });
      expect(calls).toEqual([]);
    },
  );

  it('when the catalog refuses duplicate labels or a reversed window, then 400 with its code and the fields it named', async () => {
    const errors = [{ field: 'seats[2].label', message: '"a1" is already used by seats[0]' }];
    catalog.failWith = new AppError('VALIDATION_FAILED', 'seats[2].label: "a1" is already used by seats[0]', {
      errors,
    });
    const response = await send(
      'POST',
      `/api/admin/events/${EVENT_ID}/sessions`,
      { ...quantityBody, totalStock: undefined, seats: [{ label: 'A1' }, { label: 'B1' }, { label: 'a1' }] },
      adminToken,
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors });
  });

  it('when an event is deleted, then 204; when something is sold, then the catalog CONFLICT is a 409', async () => {
    expect((await send('DELETE', `/api/admin/events/${EVENT_ID}`, undefined, adminToken)).statusCode).toBe(204);
    catalog.failWith = new AppError('CONFLICT', '3 tickets of this event are sold; cancel it instead');
    expect((await send('DELETE', `/api/admin/events/${EVENT_ID}`, undefined, adminToken)).json()).toMatchObject({
      status: 409,
      code: 'CONFLICT',
    });
  });

  it('when a session is patched, then only the sent fields travel, the price keeps the session currency, and a conflict is 409', async () => {
    const response = await send(
      'PATCH',
      `/api/admin/sessions/${SESSION_ID}`,
      { totalStock: 150, price: 120000 },
      adminToken,
    );
    expect(response.statusCode).toBe(200);
    expect(lastCall().request).toMatchObject({
      sessionId: SESSION_ID,
      totalStock: 150,
      price: { amountMinor: '120000', currency: '' },
    });
    expect(lastCall().request.startAt).toBeUndefined();
    catalog.failWith = new AppError('CONFLICT', 'totalStock 10 is below the 50 tickets already held or sold');
    expect(
      (await send('PATCH', `/api/admin/sessions/${SESSION_ID}`, { totalStock: 10 }, adminToken)).json(),
    ).toMatchObject({ status: 409, code: 'CONFLICT' });
  });

  it('when a patch is empty or tries to send seats, then 400', async () => {
    expect((await send('PATCH', `/api/admin/sessions/${SESSION_ID}`, {}, adminToken)).statusCode).toBe(400);
    expect(
      (await send('PATCH', `/api/admin/sessions/${SESSION_ID}`, { seats: [{ label: 'Z9' }] }, adminToken)).statusCode,
    ).toBe(400);
    expect((await send('PATCH', `/api/admin/events/${EVENT_ID}`, {}, adminToken)).statusCode).toBe(400);
  });

  it('when an admin lists events, then unpublished ones are asked for', async () => {
    const response = await send('GET', '/api/admin/events?limit=5', undefined, adminToken);
    expect(response.json()).toEqual({ items: [event], nextCursor: null });
    expect(lastCall().request).toMatchObject({ pageSize: 5, includeUnpublished: true });
  });
});
