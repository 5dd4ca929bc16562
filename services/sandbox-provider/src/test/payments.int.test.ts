import { newPaymentId, startHarness, type Harness } from './harness';

describe('POST /v1/payments', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ PROVIDER_PUBLIC_URL: 'http://pay.example.test:9999/' });
  });
  afterAll(() => h.stop());

  it('when the process is up, then /healthz answers 200', async () => {
    const response = await fetch(`${h.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('when a payment is created, then 201 gives a pg id and a session URL under the public URL', async () => {
    const created = await h.post('/v1/payments', { paymentId: newPaymentId(), amount: 12000, currency: 'KRW' });
    expect(created.status).toBe(201);
    expect(created.body.pgPaymentId).toMatch(/^pg_[0-9a-f]{32}$/);
    expect(created.body.sessionUrl).toBe(`http://pay.example.test:9999/checkout/${created.body.pgPaymentId}`);
  });

  it('when the same paymentId is created again, then the answer is the same payment, and nothing is sent', async () => {
    const request = { paymentId: newPaymentId(), amount: 5000, currency: 'KRW' };
    const first = await h.post('/v1/payments', request);
    const second = await h.post('/v1/payments', { ...request, webhook: { duplicates: true } });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(h.receiver.received.filter((w) => w.body.pgPaymentId === first.body.pgPaymentId)).toEqual([]);
  });

  it('when a paymentId is reused for another amount, then 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const paymentId = newPaymentId();
    await h.post('/v1/payments', { paymentId, amount: 5000, currency: 'KRW' });
    const reused = await h.post('/v1/payments', { paymentId, amount: 5001, currency: 'KRW' });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it.each([
    ['no amount', { currency: 'KRW' }, /amount/],
    ['a string amount', { amount: '12000', currency: 'KRW' }, /amount must be integer/],
    ['a fractional amount', { amount: 1.5, currency: 'KRW' }, /amount must be integer/],
    ['a zero amount', { amount: 0, currency: 'KRW' }, /amount must be >= 1/],
    ['a lower-case currency', { amount: 1, currency: 'krw' }, /currency must match pattern/],
    ['an unknown field', { amount: 1, currency: 'KRW', extra: 1 }, /must NOT have additional properties/],
    ['an unknown webhook mode', { amount: 1, currency: 'KRW', webhook: { slow: true } }, /additional properties/],
    ['a negative delay', { amount: 1, currency: 'KRW', webhook: { delayMs: -1 } }, /delayMs must be >= 0/],
  ])('when the body has %s, then 400 names the problem', async (_name, fields, message) => {
    const response = await h.post('/v1/payments', { paymentId: newPaymentId(), ...fields });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(response.body.detail).toMatch(message);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('when the body is not JSON, then 400 MALFORMED_JSON; when it is text/plain, then 415', async () => {
    const malformed = await h.post('/v1/payments', '{"paymentId":');
    expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    const text = await fetch(`${h.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('when an id is unknown, then the page, completion and refund each answer 404', async () => {
    const page = await fetch(`${h.url}/checkout/pg_unknown`);
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.post('/checkout/pg_unknown/complete', { outcome: 'success' })).toMatchObject({ status: 404 });
    expect(await h.post('/v1/refunds', { pgPaymentId: 'pg_unknown', amount: 1 })).toMatchObject({ status: 404 });
  });

  it('when a path does not exist, then 404 problem+json', async () => {
    const response = await fetch(`${h.url}/v2/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
