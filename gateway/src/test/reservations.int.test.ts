import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { signingKey, startHarness, type Harness, type SigningKey } from './harness';

/** The reservation routes over a real gRPC server with canned answers: mapping, auth, headers, errors. */
const SESSION = '8d3f0c2a-5b7e-4f1a-9c2d-3e4f5a6b7c8d';
const HOLD = '2b8e4f6a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const hold = {
  holdId: HOLD,
  sessionId: SESSION,
  userId: 'buyer-1',
  quantity: 2,
  seatIds: [],
  seatLabels: [],
  status: 'ACTIVE',
  expiresAt: '2026-12-01T10:02:00.000Z',
  event: {
    eventId: '4f9a1c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
    title: 'Spring Concert',
    startAt: '2026-12-24T19:00:00.000Z',
    venue: 'Seoul Arena',
  },
  totalPrice: { amountMinor: '110000', currency: 'KRW' },
  tickets: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};
const restHold = {
  holdId: HOLD,
  sessionId: SESSION,
  quantity: 2,
  status: 'ACTIVE',
  expiresAt: hold.expiresAt,
  event: hold.event,
  totalPrice: 110000,
  currency: 'KRW',
  createdAt: hold.createdAt,
  updatedAt: hold.updatedAt,
};

const received: Record<'hold' | 'release' | 'getHold' | 'listMyReservations' | 'getSessionSales', any[]> = {
  hold: [],
  release: [],
  getHold: [],
  listMyReservations: [],
  getSessionSales: [],
};
const record = (method: keyof typeof received, request: unknown, caller: string | undefined) =>
  received[method].push({ request, caller });

const reservationMethods: Record<string, MethodSpec> = {
  hold: {
    access: 'public',
    handle: async (request: { selection?: string; quantity?: number; seats?: { seatIds: string[] } }, context) => {
      record('hold', request, context.metadata.get('authorization')[0] as string);
      if (request.selection === 'quantity' && (request.quantity! < 1 || request.quantity! > 4))
        throw new AppError('INVALID_QUANTITY', 'quantity must be 1 to 4');
      if (request.quantity === 3)
        throw new AppError('PER_USER_LIMIT_EXCEEDED', 'you may take 1 more', { remainingAllowance: 1 });
      if (request.selection === 'seats')
        return {
          ...hold,
          seatIds: request.seats!.seatIds,
          seatLabels: request.seats!.seatIds.map((_, i) => `A${i + 1}`),
        };
      return hold;
    },
  },
  release: {
    access: 'public',
    handle: async (request: { holdId: string }) => {
      record('release', request, undefined);
      if (request.holdId !== HOLD) throw new AppError('NOT_FOUND', 'hold not found');
      return {};
    },
  },
  getHold: { access: 'public', handle: async (request) => (record('getHold', request, undefined), hold) },
  listMyReservations: {
    access: 'public',
    handle: async (request) => (record('listMyReservations', request, undefined), { items: [hold], nextCursor: '' }),
  },
  getSessionSales: {
    access: 'public',
    handle: async (request) => {
      record('getSessionSales', request, undefined);
      return {
        sessionId: SESSION,
        total: 10,
        available: 6,
        held: 2,
        sold: 2,
        buyers: [
          {
            userId: 'buyer-1',
            holdId: HOLD,
            quantity: 2,
            seatLabels: [],
            status: 'SOLD',
            createdAt: hold.createdAt,
            updatedAt: hold.updatedAt,
          },
        ],
        nextCursor: 'more',
      };
    },
  },
};

describe('gateway reservation routes', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let key: SigningKey;
  let user: string;
  let admin: string;

  beforeAll(async () => {
    key = await signingKey();
    harness = await startHarness({ reservation: reservationMethods }, key);
    app = harness.app;
    user = `Bearer ${await key.sign({ sub: 'buyer-1' })}`;
    admin = `Bearer ${await key.sign({ sub: 'root', roles: ['USER', 'ADMIN'] })}`;
  });
  afterAll(() => harness.close());
  beforeEach(() => Object.values(received).forEach((list) => list.splice(0)));

  const postHold = (body: object, headers: Record<string, string> = { 'idempotency-key': 'try-1' }) =>
    app.inject({
      method: 'POST',
      url: '/api/reservations/hold',
      headers: { authorization: user, ...headers },
      payload: body,
    });

  it('when a hold is asked with a key, then the service gets the quantity, the key and the caller, and the answer is 201', async () => {
    const response = await postHold({ sessionId: SESSION, quantity: 2 });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual(restHold);
    expect(received.hold[0]).toMatchObject({
      request: { sessionId: SESSION, selection: 'quantity', quantity: 2, idempotencyKey: 'try-1' },
      caller: user,
    });
  });

  it('when the same key is sent again, then the same body comes back with 201', async () => {
    const first = await postHold({ sessionId: SESSION, quantity: 2 });
    const again = await postHold({ sessionId: SESSION, quantity: 2 });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
  });

  it('when seats are asked, then they travel as the seats selection and come back with their labels', async () => {
    const seatIds = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    const response = await postHold({ sessionId: SESSION, seatIds });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ seatIds, seatLabels: ['A1', 'A2'] });
    expect(received.hold[0].request).toMatchObject({ selection: 'seats', seats: { seatIds } });
  });

  it('when the Idempotency-Key header is missing, then it is 400 IDEMPOTENCY_KEY_REQUIRED and the service is not called', async () => {
    const response = await postHold({ sessionId: SESSION, quantity: 2 }, {});
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    expect(received.hold).toHaveLength(0);
  });

  it('when the quantity is 0, 5 or -1, then the service decides: 400 INVALID_QUANTITY, not a schema error', async () => {
    for (const quantity of [0, 5, -1]) {
      const response = await postHold({ sessionId: SESSION, quantity });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_QUANTITY' });
    }
    expect(received.hold.map((r) => [r.request.selection, r.request.quantity])).toEqual([
      ['quantity', 0],
      ['quantity', 5],
      ['quantity', -1],
    ]);
  });

  it('when the body has both quantity and seats, neither, or extra fields, then it is 400 VALIDATION_FAILED', async () => {
    for (const body of [
      { sessionId: SESSION, quantity: 1, seatIds: ['x'] },
      { sessionId: SESSION },
      { sessionId: SESSION, quantity: 1, userId: 'someone-else' },
      { sessionId: 'not-a-uuid', quantity: 1 },
    ]) {
      const response = await postHold(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(received.hold).toHaveLength(0);
  });

  it('when the service refuses with details, then they are fields of the problem', async () => {
    const response = await postHold({ sessionId: SESSION, quantity: 3 });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'PER_USER_LIMIT_EXCEEDED', remainingAllowance: 1 });
  });

  it('when no one is signed in, then every reservation route is 401', async () => {
    const calls = [
      app.inject({
        method: 'POST',
        url: '/api/reservations/hold',
        headers: { 'idempotency-key': 'k' },
        payload: { sessionId: SESSION, quantity: 1 },
      }),
      app.inject({ method: 'DELETE', url: `/api/reservations/hold/${HOLD}` }),
      app.inject({ method: 'GET', url: `/api/reservations/hold/${HOLD}` }),
      app.inject({ method: 'GET', url: '/api/me/reservations' }),
      app.inject({ method: 'GET', url: `/api/admin/sessions/${SESSION}/sales` }),
    ];
    for (const response of await Promise.all(calls)) expect(response.statusCode).toBe(401);
  });

  it('when a hold is released, then it is 204; an unknown one is 404', async () => {
    const released = await app.inject({
      method: 'DELETE',
      url: `/api/reservations/hold/${HOLD}`,
      headers: { authorization: user },
    });
    expect(released.statusCode).toBe(204);
    expect(released.body).toBe('');
    const unknown = await app.inject({
      method: 'DELETE',
      url: '/api/reservations/hold/other',
      headers: { authorization: user },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when a hold is read, then it is mapped like the hold answer', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/reservations/hold/${HOLD}`,
      headers: { authorization: user },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(restHold);
  });

  it('when my reservations are listed, then paging and the status filter reach the service', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/me/reservations?limit=5&status=ACTIVE&status=SOLD',
      headers: { authorization: user },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [restHold], nextCursor: null });
    expect(received.listMyReservations[0].request).toMatchObject({ pageSize: 5, statuses: ['ACTIVE', 'SOLD'] });
    const bad = await app.inject({
      method: 'GET',
      url: '/api/me/reservations?status=PENDING',
      headers: { authorization: user },
    });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('when sales are asked, then a user is 403 and an admin gets counters and buyers', async () => {
    const forbidden = await app.inject({
      method: 'GET',
      url: `/api/admin/sessions/${SESSION}/sales`,
      headers: { authorization: user },
    });
    expect(forbidden.statusCode).toBe(403);
    const response = await app.inject({
      method: 'GET',
      url: `/api/admin/sessions/${SESSION}/sales?limit=10`,
      headers: { authorization: admin },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      total: 10,
      available: 6,
      held: 2,
      sold: 2,
      nextCursor: 'more',
      buyers: [{ userId: 'buyer-1', status: 'SOLD' }],
    });
    expect(received.getSessionSales[0].request).toMatchObject({ sessionId: SESSION, pageSize: 10 });
  });

  it('when the OpenAPI document is fetched, then the reservation routes are in it', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/reservations/hold'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/me/reservations'].get).toBeDefined();
    expect(doc.paths['/api/admin/sessions/{sessionId}/sales'].get).toBeDefined();
  });
});
