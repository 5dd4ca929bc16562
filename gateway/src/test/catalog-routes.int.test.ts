import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { signingKey, startHarness, type Harness, type SigningKey } from './harness';

/** The catalog's REST surface over a canned catalog: mapping, access, validation and caching. */
const EVENT_ID = '4f9a1c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
const SESSION_ID = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const SEAT_ID = '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';
const event = {
  id: EVENT_ID,
  title: 'Spring Concert',
  description: '',
  venue: 'Seoul Arena',
  status: 'DRAFT',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};
const session = {
  id: SESSION_ID,
  eventId: EVENT_ID,
  startAt: '2027-03-01T10:00:00.000Z',
  salesOpenAt: '2027-02-01T10:00:00.000Z',
  salesCloseAt: '2027-03-01T10:00:00.000Z',
  price: { amountMinor: '99000', currency: 'KRW' },
  totalStock: 2,
  queueEnabled: true,
  admissionRatePerSec: 50,
  maxQueueLength: 0,
  seatingKind: 'SEAT_MAP',
  seats: [
    { id: SEAT_ID, label: 'A1', section: 'VIP', price: { amountMinor: '150000', currency: 'KRW' } },
    { id: SEAT_ID.replace('0c', '1c'), label: 'A2', section: '', price: null },
  ],
  remaining: 2,
  salesStatus: 'OPEN',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};
const calls: Array<{ method: string; request: any; authorization: unknown }> = [];
let failWith: AppError | null = null;

function canned(method: string, answer: (request: any) => unknown): MethodSpec {
  return {
    access: 'public',
    handle: async (request, context) => {
      calls.push({ method, request, authorization: context.metadata.get('authorization')[0] });
      if (failWith) throw failWith;
      return answer(request);
    },
  };
}

const catalogMethods: Record<string, MethodSpec> = {
  listEvents: canned('listEvents', () => ({ items: [event], nextCursor: '' })),
  getEvent: canned('getEvent', () => event),
  createEvent: canned('createEvent', (r) => ({ ...event, title: r.title, status: r.status })),
  updateEvent: canned('updateEvent', (r) => ({ ...event, ...r })),
  deleteEvent: canned('deleteEvent', () => ({})),
  listSessions: canned('listSessions', (r) => ({ items: [session], nextCursor: r.cursor ? '' : 'page-2' })),
  getSession: canned('getSession', () => session),
  createSession: canned('createSession', () => session),
  updateSession: canned('updateSession', () => ({ ...session, seatingKind: 'QUANTITY', seats: [] })),
};

const quantityBody = { startAt: '2027-03-01T19:00:00+09:00', price: 99000, currency: 'KRW', totalStock: 100 };

describe('catalog routes of the gateway', () => {
  let key: SigningKey;
  let harness: Harness;
  let app: FastifyInstance;
  let adminToken: string;
  let userToken: string;

  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object, token?: string) =>
    app.inject({ method, url, payload: body, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const lastCall = () => calls[calls.length - 1]!;

  beforeAll(async () => {
    key = await signingKey();
    harness = await startHarness({ catalog: catalogMethods }, key);
    app = harness.app;
    adminToken = await key.sign({ sub: 'admin-1', roles: ['ADMIN'] });
    userToken = await key.sign({ sub: 'user-1', roles: ['USER'] });
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    calls.length = 0;
    failWith = null;
  });

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
    failWith = new AppError('VALIDATION_FAILED', 'seats[2].label: "a1" is already used by seats[0]', { errors });
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
    failWith = new AppError('CONFLICT', '3 tickets of this event are sold; cancel it instead');
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
    failWith = new AppError('CONFLICT', 'totalStock 10 is below the 50 tickets already held or sold');
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

  it('when anyone lists the sessions of an event, then each has remaining, status and a flat price, and the page shape is items + nextCursor', async () => {
    const response = await send('GET', `/api/events/${EVENT_ID}/sessions?limit=7`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          id: SESSION_ID,
          startAt: session.startAt,
          salesOpenAt: session.salesOpenAt,
          salesCloseAt: session.salesCloseAt,
          price: 99000,
          currency: 'KRW',
          remaining: 2,
          totalStock: 2,
          queueEnabled: true,
          seatingKind: 'SEAT_MAP',
          status: 'OPEN',
        },
      ],
      nextCursor: 'page-2',
    });
    expect(lastCall().request).toMatchObject({ eventId: EVENT_ID, pageSize: 7, cursor: '', includeUnpublished: false });
  });

  it('when the same session page is asked again at once, then it comes from the short cache; another page is asked for', async () => {
    const url = `/api/events/${EVENT_ID}/sessions?limit=3`;
    await Promise.all(Array.from({ length: 20 }, () => send('GET', url)));
    expect(calls).toHaveLength(1);
    await send('GET', `${url}&cursor=page-2`);
    expect(calls).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await send('GET', url);
    expect(calls).toHaveLength(3);
  });

  it('when the catalog says the event is unknown, then the listing is 404 and the error is not cached', async () => {
    failWith = new AppError('NOT_FOUND', 'event not found');
    const url = `/api/events/${EVENT_ID}/sessions?limit=9`;
    expect((await send('GET', url)).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    failWith = null;
    expect((await send('GET', url)).statusCode).toBe(200);
  });

  it('when an event or a session is fetched, then the event comes whole and the session with its seats', async () => {
    expect((await send('GET', `/api/events/${EVENT_ID}`)).json()).toEqual(event);
    expect(lastCall().request).toMatchObject({ eventId: EVENT_ID, includeUnpublished: false });
    const detail = (await send('GET', `/api/sessions/${SESSION_ID}`)).json();
    expect(detail).toMatchObject({
      id: SESSION_ID,
      eventId: EVENT_ID,
      status: 'OPEN',
      seats: [{ id: SEAT_ID, label: 'A1', section: 'VIP', price: 150000 }, expect.any(Object)],
    });
    expect(detail.admissionRatePerSec).toBeUndefined();
  });

  it('when an id in the path is not a UUID, then 400 VALIDATION_FAILED', async () => {
    expect((await send('GET', '/api/events/not-an-id')).json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await send('GET', '/api/sessions/42')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('when the OpenAPI document is fetched, then the catalog routes are in it', async () => {
    const doc = (await send('GET', '/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/events/{eventId}/sessions',
        '/api/sessions/{sessionId}',
        '/api/admin/events',
        '/api/admin/sessions/{sessionId}',
      ]),
    );
  });
});
