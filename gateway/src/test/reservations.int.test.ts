import type { FastifyInstance } from 'fastify';
import { fakeReservation, HOLD, NOT_ADMITTED_TOKEN, restHold, SESSION } from './reservation-fixtures';
import { GATEWAY_SERVICE_TOKEN, signingKey, startHarness, type Harness, type SigningKey } from './harness';

/** The reservation routes over a real gRPC server with canned answers: mapping, auth, headers, errors. */
const { methods, received, reset } = fakeReservation();

describe('gateway reservation routes', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let key: SigningKey;
  let user: string;
  let admin: string;

  beforeAll(async () => {
    key = await signingKey();
    harness = await startHarness({ reservation: methods }, key);
    app = harness.app;
    user = `Bearer ${await key.sign({ sub: 'buyer-1' })}`;
    admin = `Bearer ${await key.sign({ sub: 'root', roles: ['USER', 'ADMIN'] })}`;
  });
  afterAll(() => harness.close());
  beforeEach(reset);

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
    // The buyer's token was verified here; the service gets the buyer as vouched for, under the gateway's token.
    expect(received.hold[0]).toMatchObject({
      request: { sessionId: SESSION, selection: 'quantity', quantity: 2, idempotencyKey: 'try-1' },
      caller: 'buyer-1',
      roles: ['USER'],
      gateway: `Bearer ${GATEWAY_SERVICE_TOKEN}`,
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
    expect(received.hold[0]!.request).toMatchObject({ selection: 'seats', seats: { seatIds } });
  });

  it('when the Idempotency-Key header is missing, then it is 400 IDEMPOTENCY_KEY_REQUIRED and the service is not called', async () => {
    const response = await postHold({ sessionId: SESSION, quantity: 2 }, {});
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    expect(received.hold).toHaveLength(0);
  });

  it('when the quantity is 0, 5, -1 or 2.5, then it is 400 INVALID_QUANTITY, the domain code, and the service is not called', async () => {
    for (const quantity of [0, 5, -1, 2.5]) {
      const response = await postHold({ sessionId: SESSION, quantity });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_QUANTITY', errors: [{ field: '/quantity', in: 'body' }] });
    }
    expect(received.hold).toHaveLength(0);
  });

  it('when no seat or five seats are asked, then it is 400 INVALID_QUANTITY and the service is not called', async () => {
    const seat = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
    for (const seatIds of [[], [1, 2, 3, 4, 5].map(seat)]) {
      const response = await postHold({ sessionId: SESSION, seatIds });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_QUANTITY' });
    }
    expect(received.hold).toHaveLength(0);
  });

  it('when the Idempotency-Key is malformed, then it is 400 naming the header and the service is not called', async () => {
    for (const key of ['has space', 'k'.repeat(101), 'semi;colon']) {
      const response = await postHold({ sessionId: SESSION, quantity: 1 }, { 'idempotency-key': key });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: '/idempotency-key', in: 'headers' }],
      });
    }
    expect(received.hold).toHaveLength(0);
  });

  it('when a queueToken is sent, then it travels to the reservation service, which decides on it', async () => {
    const response = await postHold({ sessionId: SESSION, quantity: 2, queueToken: 'q'.repeat(40) });
    expect(response.statusCode).toBe(201);
    expect(received.hold[0]!.request.queueToken).toBe('q'.repeat(40));
    await postHold({ sessionId: SESSION, quantity: 2 });
    expect(received.hold[1]!.request.queueToken).toBe('');
    expect((await postHold({ sessionId: SESSION, quantity: 2, queueToken: 'q'.repeat(513) })).statusCode).toBe(400);
  });

  it('when the service refuses the queue token, then 403 NOT_ADMITTED with its reason', async () => {
    const response = await postHold({ sessionId: SESSION, quantity: 2, queueToken: NOT_ADMITTED_TOKEN });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'NOT_ADMITTED', reason: 'WAITING' });
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
    expect(received.listMyReservations[0]!.request).toMatchObject({ pageSize: 5, statuses: ['ACTIVE', 'SOLD'] });
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
      ticketsSold: 2,
      revenue: { amount: 110000, currency: 'KRW' },
    });
    expect(received.getSessionSales[0]!.request).toMatchObject({ sessionId: SESSION, pageSize: 10 });
  });

  it('when the OpenAPI document is fetched, then the reservation routes are in it', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/reservations/hold'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/me/reservations'].get).toBeDefined();
    expect(doc.paths['/api/admin/sessions/{sessionId}/sales'].get).toBeDefined();
  });
});
