import { eventually } from '@ticketing/testing';
import { SECRET, startHarness, type Harness } from './harness';
import { verifiedTimestamp } from './receiver';

describe('the checkout page and its completion', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const hooksOf = (pgPaymentId: string) => h.receiver.received.filter((w) => w.body.pgPaymentId === pgPaymentId);

  it('when the session URL is opened, then the page shows the amount with its currency and both buttons', async () => {
    const { sessionUrl, pgPaymentId } = await h.createPayment({ amount: 12000, currency: 'KRW' });
    const response = await fetch(sessionUrl);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('₩12,000');
    expect(html).toMatch(/<button type="submit">Pay<\/button>/);
    expect(html).toMatch(/<button type="submit">Fail<\/button>/);
    expect(html).toContain(`action="${pgPaymentId}/complete"`);
  });

  it('when the merchant paymentId is hostile markup, then the page escapes it', async () => {
    const hostile = `"><script>alert('x')</script><img src=x onerror=alert(1)>`;
    const created = await h.post('/v1/payments', { paymentId: hostile, amount: 1000, currency: 'USD' });
    const html = await (await fetch(created.body.sessionUrl)).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html).toContain('$10.00');
  });

  it('when a program completes with success, then 202 and a signed SUCCESS webhook reaches the receiver', async () => {
    const { pgPaymentId } = await h.createPayment({ amount: 12000, currency: 'KRW' });
    const before = Math.floor(Date.now() / 1000);
    const completed = await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'success' });
    expect(completed).toMatchObject({ status: 202, body: { pgPaymentId, status: 'SUCCEEDED' } });
    await eventually(async () => hooksOf(pgPaymentId).length === 1);
    const [hook] = hooksOf(pgPaymentId);
    expect(hook!.contentType).toBe('application/json');
    expect(hook!.body).toEqual({ pgPaymentId, status: 'SUCCESS', amount: 12000, currency: 'KRW' });
    const t = verifiedTimestamp(hook!, SECRET);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it('when a program completes with fail, then a FAIL webhook is sent', async () => {
    const { pgPaymentId } = await h.createPayment();
    expect(await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'fail' })).toMatchObject({ status: 202 });
    await eventually(async () => hooksOf(pgPaymentId).length === 1);
    expect(hooksOf(pgPaymentId)[0]!.body.status).toBe('FAIL');
  });

  it('when the page form posts Pay, then 202 with an HTML answer and the SUCCESS webhook', async () => {
    const { sessionUrl, pgPaymentId } = await h.createPayment();
    const response = await fetch(`${sessionUrl}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=success',
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('Payment succeeded');
    await eventually(async () => hooksOf(pgPaymentId).length === 1);
    expect(hooksOf(pgPaymentId)[0]!.body.status).toBe('SUCCESS');
  });

  it('when a payment is completed twice, then the second answers 409 and no second webhook is sent', async () => {
    const { pgPaymentId } = await h.createPayment();
    await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'success' });
    const again = await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'fail' });
    expect(again).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(again.body.detail).toMatch(/completed already/);
    await eventually(async () => hooksOf(pgPaymentId).length === 1);
    const page = await (await fetch(`${h.url}/checkout/${pgPaymentId}`)).text();
    expect(page).toContain('SUCCEEDED');
    expect(page).not.toContain('<form');
  });

  it('when the outcome is missing or unknown, then 400 names outcome, as JSON or as a form', async () => {
    const { pgPaymentId } = await h.createPayment();
    const unknown = await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'maybe' });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(unknown.body.detail).toMatch(/outcome must be equal to one of the allowed values/);
    const form = await fetch(`${h.url}/checkout/${pgPaymentId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'nothing=here',
    });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { detail: string }).detail).toMatch(/outcome/);
  });
});
