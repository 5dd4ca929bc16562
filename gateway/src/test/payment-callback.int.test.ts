import type { FastifyInstance, InjectOptions } from 'fastify';
import { signingKey, startHarness, type Harness } from './harness';
import { fakePayment, FORGED, PG_PAYMENT, SIGNED, STALE } from './payment-fixtures';
import { HOLD } from './reservation-fixtures';

/**
 * The provider's webhook: the signature is over the exact bytes sent, so the gateway forwards the
 * body unparsed and unaltered, with X-Signature, and the payment service judges both.
 */
const payment = fakePayment();
const { received } = payment;

// Unusual spacing, key order, a trailing newline, an escape and a character outside ASCII: any
// re-serialisation would change these bytes.
const WEBHOOK =
  `{ "currency" :"KRW",\t"amount":110000 ,\n  "status":"SUCCESS","pgPaymentId":  "${PG_PAYMENT}",` +
  `"note":"caf\\u00e9 \u2615"}\n`;
const webhook = (over: Partial<InjectOptions> = {}, signature: string | null = SIGNED): InjectOptions => ({
  method: 'POST',
  url: '/api/payments/callback',
  headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-signature': signature }) },
  payload: WEBHOOK,
  ...over,
});

describe('the payment provider webhook route', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let user: string;

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness({ payment: payment.methods }, key);
    app = harness.app;
    user = `Bearer ${await key.sign({ sub: 'buyer-1' })}`;
  });
  afterAll(() => harness.close());
  beforeEach(payment.reset);

  it('when a signed webhook comes, then the service gets its exact bytes and signature: 200', async () => {
    const response = await app.inject(webhook());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true, duplicate: false });
    const [call] = received.handleProviderCallback;
    expect(Buffer.isBuffer(call!.request.rawBody)).toBe(true);
    expect(call!.request.rawBody.equals(Buffer.from(WEBHOOK, 'utf8'))).toBe(true);
    expect(call!.request).toMatchObject({ signature: SIGNED, provider: '' });
    // Public: no token of anyone travels with it.
    expect(call!.caller).toBeUndefined();
  });

  it('when the same webhook comes again, then it is 200 again, marked duplicate', async () => {
    await app.inject(webhook());
    const again = await app.inject(webhook());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ received: true, duplicate: true });
  });

  it('when the content type names a charset, then the bytes still go through as they came', async () => {
    const response = await app.inject(
      webhook({ headers: { 'content-type': 'application/json; charset=utf-8', 'x-signature': SIGNED } }),
    );
    expect(response.statusCode).toBe(200);
    expect(received.handleProviderCallback[0]!.request.rawBody.toString('utf8')).toBe(WEBHOOK);
  });

  it.each([
    ['a forged signature', webhook({}, FORGED), 401, 'SIGNATURE_INVALID'],
    ['no signature', webhook({}, null), 401, 'SIGNATURE_INVALID'],
    ['a timestamp too old', webhook({}, STALE), 400, 'SIGNATURE_EXPIRED'],
    ['an unknown payment', webhook({ payload: WEBHOOK.replace(PG_PAYMENT, 'pg_unknown') }), 404, 'NOT_FOUND'],
    ['another amount', webhook({ payload: WEBHOOK.replace('110000', '1') }), 409, 'AMOUNT_MISMATCH'],
  ])(
    "when the webhook has %s, then the payment service's answer comes back as problem+json",
    async (_, request, status, code) => {
      const response = await app.inject(request);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code });
      expect(received.handleProviderCallback).toHaveLength(1);
    },
  );

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }, WEBHOOK, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'a form',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'status=SUCCESS',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['JSON cut short', { 'content-type': 'application/json' }, '{"status":', 400, 'MALFORMED_JSON'],
    ['an empty body', { 'content-type': 'application/json' }, '', 400, 'MALFORMED_JSON'],
    ['a raw NUL byte in a string', { 'content-type': 'application/json' }, '{"a":"x\u0000y"}', 400, 'MALFORMED_JSON'],
    [
      'bytes that are not UTF-8',
      { 'content-type': 'application/json' },
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      400,
      'MALFORMED_JSON',
    ],
    [
      'a body over the limit',
      { 'content-type': 'application/json' },
      `{"a":"${'x'.repeat(70 * 1024)}"}`,
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ])(
    'when the body is %s, then it is refused at the edge and the payment service is not called',
    async (_, headers, payload, status, code) => {
      const response = await app.inject(webhook({ headers: { ...headers, 'x-signature': SIGNED }, payload }));
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ code });
      expect(received.handleProviderCallback).toHaveLength(0);
    },
  );

  it('when the webhook route keeps raw bytes, then the other routes still get parsed JSON bodies', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/payments/checkout',
      headers: { authorization: user, 'idempotency-key': 'pay-1', 'content-type': 'application/json' },
      payload: ` {"method":"CARD",  "holdId":"${HOLD}"} `,
    });
    expect(response.statusCode).toBe(201);
    expect(received.checkout[0]!.request).toMatchObject({ holdId: HOLD, method: 'CARD' });
  });
});

describe('the payment provider webhook route under rate limits', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ payment: payment.methods }, await signingKey(), {
      RATE_LIMIT_ANONYMOUS_PER_MIN: '2',
      RATE_LIMIT_WEBHOOK_PER_MIN: '4',
    });
  });
  afterAll(() => harness.close());

  it('when a provider sends more webhooks than an anonymous caller may, then its own limit applies', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await harness.app.inject(webhook())).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });
});
