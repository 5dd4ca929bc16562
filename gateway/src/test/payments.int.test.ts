import type { FastifyInstance } from 'fastify';
import { signingKey, startHarness, type Harness } from './harness';
import { EXPIRED_HOLD, fakePayment, PAYMENT, restPayment } from './payment-fixtures';
import { HOLD } from './reservation-fixtures';

/** Checkout and reading a payment over a real gRPC server with canned answers: mapping, keys, callers, errors. */
const { methods, received, reset } = fakePayment();

describe('gateway payment routes', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let user: string;

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness({ payment: methods }, key);
    app = harness.app;
    user = `Bearer ${await key.sign({ sub: 'buyer-1' })}`;
  });
  afterAll(() => harness.close());
  beforeEach(reset);

  const checkout = (body: object, headers: Record<string, string> = { 'idempotency-key': 'pay-1' }) =>
    app.inject({
      method: 'POST',
      url: '/api/payments/checkout',
      headers: { authorization: user, ...headers },
      payload: body,
    });

  it('when a hold is checked out, then the service gets hold, CARD, key and caller, and it is 201', async () => {
    const response = await checkout({ holdId: HOLD, method: 'CARD' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual(restPayment);
    expect(received.checkout[0]).toEqual({
      request: { holdId: HOLD, method: 'CARD', idempotencyKey: 'pay-1' },
      caller: user,
    });
  });

  it('when the Idempotency-Key is missing or malformed, then 400 as for holds, service not called', async () => {
    const missing = await checkout({ holdId: HOLD, method: 'CARD' }, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    const malformed = await checkout({ holdId: HOLD, method: 'CARD' }, { 'idempotency-key': 'has space' });
    expect(malformed.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/idempotency-key', in: 'headers' }],
    });
    expect(received.checkout).toHaveLength(0);
  });

  it('when the body names an amount, another method or a bad hold, then 400, service not called', async () => {
    for (const body of [
      { holdId: HOLD, method: 'CARD', amount: 1 },
      { holdId: HOLD, method: 'CASH' },
      { method: 'CARD' },
      { holdId: HOLD },
      { holdId: 'not-a-uuid', method: 'CARD' },
    ]) {
      const response = await checkout(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(received.checkout).toHaveLength(0);
  });

  it("when the hold is another user's or expired, then the service's 404 and 409 as problem+json", async () => {
    const unknown = await checkout({ holdId: '00000000-0000-4000-8000-000000000000', method: 'CARD' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    const expired = await checkout({ holdId: EXPIRED_HOLD, method: 'CARD' });
    expect(expired.statusCode).toBe(409);
    expect(expired.json()).toMatchObject({ code: 'HOLD_EXPIRED' });
  });

  it('when a payment is read, then it comes with its history, a reason only where there is one', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/payments/${PAYMENT}`,
      headers: { authorization: user },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(restPayment);
    expect(received.getPayment[0]).toEqual({ request: { paymentId: PAYMENT }, caller: user });
  });

  it('when an unknown payment is read, then 404 problem+json', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/api/payments/other', headers: { authorization: user } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when no one is signed in, then checkout and reading a payment are 401, service not called', async () => {
    const calls = [
      app.inject({
        method: 'POST',
        url: '/api/payments/checkout',
        headers: { 'idempotency-key': 'k' },
        payload: { holdId: HOLD, method: 'CARD' },
      }),
      app.inject({ method: 'GET', url: `/api/payments/${PAYMENT}` }),
    ];
    for (const response of await Promise.all(calls)) expect(response.statusCode).toBe(401);
    expect(received.checkout).toHaveLength(0);
    expect(received.getPayment).toHaveLength(0);
  });
});
