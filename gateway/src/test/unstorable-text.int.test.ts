import type { FastifyInstance, InjectOptions } from 'fastify';
import { EVENT_ID, quantityBody, SESSION_ID } from './catalog-fixtures';
import { fakeUpstreams } from './fake-upstreams';
import { signingKey, startHarness, type Harness } from './harness';
import { PG_PAYMENT, SIGNED } from './payment-fixtures';
import { HOLD, SESSION } from './reservation-fixtures';

/**
 * PostgreSQL cannot store NUL in text or jsonb, nor a lone UTF-16 surrogate (invalid UTF-8):
 * such text used to reach a service and come back as 500. The edge refuses it in every string.
 */
const upstreams = fakeUpstreams();
const NUL = 'a\u0000b';
const LONE_HIGH = 'a\ud800b';
const LONE_LOW = '\udc00b';

describe('text that PostgreSQL cannot store, at the edge', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let user: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness(upstreams.methods, key);
    app = harness.app;
    user = { authorization: `Bearer ${await key.sign({ sub: 'buyer-1' })}` };
    admin = { authorization: `Bearer ${await key.sign({ sub: 'root', roles: ['USER', 'ADMIN'] })}` };
  });
  afterAll(() => harness.close());
  beforeEach(() => upstreams.reset());

  async function expectRefused(request: InjectOptions, field: string, where: string) {
    const response = await app.inject(request);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field, in: where, message: expect.stringMatching(/NUL|surrogate/) }],
    });
    expect(upstreams.callCount()).toBe(0);
  }

  it.each([
    ['signup', { email: NUL, password: 'Secret123' }, '/email'],
    ['signup', { email: 'fan@example.com', password: LONE_HIGH }, '/password'],
    ['login', { email: `fan${NUL}@example.com`, password: 'Whatever1x' }, '/email'],
    ['login', { email: 'fan@example.com', password: LONE_LOW }, '/password'],
    ['refresh', { refreshToken: `${'r'.repeat(20)}${NUL}` }, '/refreshToken'],
    ['logout', { refreshToken: `${'r'.repeat(20)}${LONE_HIGH}` }, '/refreshToken'],
  ])(
    'when POST /api/auth/%s has such text in %j, then 400 names the field and auth is never asked',
    (route, body, field) => expectRefused({ method: 'POST', url: `/api/auth/${route}`, payload: body }, field, 'body'),
  );

  it('when the public listings get it in the query or the path, then 400 and the catalog is never asked', async () => {
    await expectRefused({ method: 'GET', url: '/api/events?cursor=a%00b' }, '/cursor', 'querystring');
    await expectRefused(
      { method: 'GET', url: `/api/events/${EVENT_ID}/sessions?cursor=%00` },
      '/cursor',
      'querystring',
    );
    await expectRefused({ method: 'GET', url: '/api/sessions/%00' }, '/sessionId', 'params');
  });

  it('when an admin body has it nested in an array or an object, then 400 names the path and nothing is written', async () => {
    await expectRefused(
      { method: 'POST', url: '/api/admin/events', headers: admin, payload: { title: LONE_HIGH, venue: 'v' } },
      '/title',
      'body',
    );
    const seats = [{ label: 'A1' }, { label: 'A2', section: NUL }];
    await expectRefused(
      {
        method: 'POST',
        url: `/api/admin/events/${EVENT_ID}/sessions`,
        headers: admin,
        payload: { ...quantityBody, totalStock: undefined, seats },
      },
      '/seats/1/section',
      'body',
    );
    await expectRefused(
      { method: 'PATCH', url: `/api/admin/events/${EVENT_ID}`, headers: admin, payload: { description: NUL } },
      '/description',
      'body',
    );
    await expectRefused(
      { method: 'GET', url: `/api/admin/events?cursor=${'%00'}`, headers: admin },
      '/cursor',
      'querystring',
    );
  });

  it('when a reservation request has it in the body, the path or a header, then 400 and reservation is never asked', async () => {
    const hold = (payload: object, key = 'try-1') => ({
      method: 'POST' as const,
      url: '/api/reservations/hold',
      headers: { ...user, 'idempotency-key': key },
      payload,
    });
    await expectRefused(hold({ sessionId: SESSION, seatIds: [SESSION_ID, LONE_LOW] }), '/seatIds/1', 'body');
    await expectRefused(hold({ sessionId: SESSION, quantity: 1, queueToken: NUL }), '/queueToken', 'body');
    await expectRefused(hold({ sessionId: SESSION, quantity: 1 }, NUL), '/idempotency-key', 'headers');
    await expectRefused({ method: 'GET', url: '/api/reservations/hold/a%00b', headers: user }, '/holdId', 'params');
    await expectRefused({ method: 'DELETE', url: '/api/reservations/hold/%00', headers: user }, '/holdId', 'params');
    await expectRefused(
      { method: 'GET', url: '/api/me/reservations?cursor=%00', headers: user },
      '/cursor',
      'querystring',
    );
  });

  it('when a waiting-room request has it in the body or the token, then 400 and the queue is never asked', async () => {
    await expectRefused(
      { method: 'POST', url: '/api/queue/token', headers: user, payload: { sessionId: NUL } },
      '/sessionId',
      'body',
    );
    await expectRefused(
      { method: 'GET', url: '/api/queue/status?token=qt1.%00', headers: user },
      '/token',
      'querystring',
    );
    await expectRefused({ method: 'GET', url: '/api/queue/stream?token=%00', headers: user }, '/token', 'querystring');
  });

  it('when a payment or ticket request has it in body, path, header or query, then 400, no call', async () => {
    const checkout = (payload: object, key = 'pay-1') => ({
      method: 'POST' as const,
      url: '/api/payments/checkout',
      headers: { ...user, 'idempotency-key': key },
      payload,
    });
    await expectRefused(checkout({ holdId: NUL, method: 'CARD' }), '/holdId', 'body');
    await expectRefused(checkout({ holdId: HOLD, method: LONE_HIGH }), '/method', 'body');
    await expectRefused(checkout({ holdId: HOLD, method: 'CARD' }, NUL), '/idempotency-key', 'headers');
    await expectRefused({ method: 'GET', url: '/api/payments/a%00b', headers: user }, '/paymentId', 'params');
    await expectRefused({ method: 'GET', url: '/api/me/tickets?cursor=%00', headers: user }, '/cursor', 'querystring');
    await expectRefused({ method: 'GET', url: '/api/me/tickets/%00/qr', headers: user }, '/ticketId', 'params');
    await expectRefused(
      { method: 'POST', url: '/api/reservations/%00/cancel', headers: { ...user, 'idempotency-key': 'c-1' } },
      '/holdId',
      'params',
    );
    await expectRefused(
      { method: 'POST', url: '/api/payments/callback?x=%00', headers: { 'x-signature': SIGNED }, payload: {} },
      '/x',
      'querystring',
    );
  });

  it("when a webhook's JSON has an escaped NUL, then its bytes go on for the payment service to judge", async () => {
    const body =
      `{"pgPaymentId":"${PG_PAYMENT}","status":"SUCCESS","amount":110000,"currency":"KRW",` + '"note":"a\\u0000b"}';
    const response = await app.inject({
      method: 'POST',
      url: '/api/payments/callback',
      headers: { 'content-type': 'application/json', 'x-signature': SIGNED },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(upstreams.callCount()).toBe(1);
  });

  it('when text has a surrogate pair (an emoji) or other control characters, then it passes on to the service', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/admin/events',
      headers: admin,
      payload: { title: 'K-pop night \ud83c\udfab', venue: 'Seoul\tArena', description: 'line\nbreak' },
    });
    expect(response.statusCode).toBe(201);
    expect(upstreams.catalog.lastCall().request).toMatchObject({ title: 'K-pop night 🎫', venue: 'Seoul\tArena' });
    const held = await app.inject({
      method: 'GET',
      url: `/api/reservations/hold/${HOLD}`,
      headers: user,
    });
    expect(held.statusCode).toBe(200);
  });
});
