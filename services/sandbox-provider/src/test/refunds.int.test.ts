import { eventually, sleep } from '@ticketing/testing';
import { SECRET, startHarness, type Harness } from './harness';
import { verifiedTimestamp } from './receiver';

describe('POST /v1/refunds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const statusesOf = (pgPaymentId: string) =>
    h.receiver.received.filter((w) => w.body.pgPaymentId === pgPaymentId).map((w) => w.body.status);

  async function paid(extra: Record<string, unknown> = {}): Promise<string> {
    const { pgPaymentId } = await h.createPayment({ amount: 30000, currency: 'KRW', ...extra });
    await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'success' });
    await eventually(async () => statusesOf(pgPaymentId).length >= 1);
    return pgPaymentId;
  }

  it('when a paid payment is refunded in full, then 202 with a refund id and a signed REFUNDED webhook', async () => {
    const pgPaymentId = await paid();
    const refunded = await h.post('/v1/refunds', { pgPaymentId, amount: 30000 });
    expect(refunded.status).toBe(202);
    expect(refunded.body.refundId).toMatch(/^rf_[0-9a-f]{32}$/);
    await eventually(async () => statusesOf(pgPaymentId).length === 2);
    const hook = h.receiver.received.find((w) => w.body.pgPaymentId === pgPaymentId && w.body.status === 'REFUNDED');
    expect(hook!.body).toEqual({ pgPaymentId, status: 'REFUNDED', amount: 30000, currency: 'KRW' });
    expect(() => verifiedTimestamp(hook!, SECRET)).not.toThrow();
  });

  it('when the same refund is asked again, then the same refund id answers and no second webhook goes', async () => {
    const pgPaymentId = await paid();
    const first = await h.post('/v1/refunds', { pgPaymentId, amount: 30000 });
    const again = await h.post('/v1/refunds', { pgPaymentId, amount: 30000 });
    expect(again).toMatchObject({ status: 202, body: { refundId: first.body.refundId } });
    await eventually(async () => statusesOf(pgPaymentId).length === 2);
    await sleep(200);
    expect(statusesOf(pgPaymentId)).toEqual(['SUCCESS', 'REFUNDED']);
  });

  it('when the payment is pending or failed, then the refund answers 409', async () => {
    const pending = await h.createPayment({ amount: 30000 });
    expect(await h.post('/v1/refunds', { pgPaymentId: pending.pgPaymentId, amount: 30000 })).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT' },
    });
    const failed = await h.createPayment({ amount: 30000 });
    await h.post(`/checkout/${failed.pgPaymentId}/complete`, { outcome: 'fail' });
    const refused = await h.post('/v1/refunds', { pgPaymentId: failed.pgPaymentId, amount: 30000 });
    expect(refused).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(refused.body.detail).toMatch(/FAILED/);
  });

  it('when the amount is not the amount paid, then 409 AMOUNT_MISMATCH and nothing is refunded', async () => {
    const pgPaymentId = await paid();
    expect(await h.post('/v1/refunds', { pgPaymentId, amount: 29999 })).toMatchObject({
      status: 409,
      body: { code: 'AMOUNT_MISMATCH' },
    });
    expect(await h.post('/v1/refunds', { pgPaymentId, amount: 30000 })).toMatchObject({ status: 202 });
  });

  it('when the refund body is bad, then 400 names the field', async () => {
    const missing = await h.post('/v1/refunds', { amount: 1 });
    expect(missing).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(missing.body.detail).toMatch(/pgPaymentId/);
  });

  it('when outOfOrder is on, then after REFUNDED the stale SUCCESS arrives again, last', async () => {
    const pgPaymentId = await paid({ webhook: { outOfOrder: true } });
    expect(statusesOf(pgPaymentId)).toEqual(['SUCCESS']);
    await h.post('/v1/refunds', { pgPaymentId, amount: 30000 });
    await eventually(async () => statusesOf(pgPaymentId).length === 3);
    expect(statusesOf(pgPaymentId)).toEqual(['SUCCESS', 'REFUNDED', 'SUCCESS']);
  });

  it('when outOfOrder and duplicates are both on, then each of the two steps arrives twice, in that order', async () => {
    const pgPaymentId = await paid({ webhook: { outOfOrder: true, duplicates: true } });
    await eventually(async () => statusesOf(pgPaymentId).length === 2);
    await h.post('/v1/refunds', { pgPaymentId, amount: 30000 });
    await eventually(async () => statusesOf(pgPaymentId).length === 6);
    expect(statusesOf(pgPaymentId)).toEqual(['SUCCESS', 'SUCCESS', 'REFUNDED', 'REFUNDED', 'SUCCESS', 'SUCCESS']);
  });
});
