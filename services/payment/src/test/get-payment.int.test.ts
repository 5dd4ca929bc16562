import { deliver, pendingPayment, startTestPayment, type TestPayment } from './harness';

describe('reading a payment', () => {
  let sys: TestPayment;

  beforeAll(async () => {
    sys = await startTestPayment('payment_read');
  });
  afterAll(() => sys.close());

  it('when the owner reads their payment, then status, amount and history oldest first', async () => {
    const { hold, payment, report } = await pendingPayment(sys, 'g1');
    await deliver(sys, report('FAIL'));
    const read = await sys.call('getPayment', { paymentId: payment.paymentId }, 'user:g1');
    expect(read).toMatchObject({
      paymentId: payment.paymentId,
      holdId: hold.holdId,
      status: 'FAILED',
      amount: { amountMinor: '110000', currency: 'KRW' },
      paymentSessionUrl: payment.paymentSessionUrl,
      history: [
        { status: 'PENDING', reason: '' },
        { status: 'FAILED', reason: 'DECLINED' },
      ],
    });
    expect(Date.parse(read.history[0].at)).toBeLessThanOrEqual(Date.parse(read.history[1].at));
  });

  it('when an admin reads it, then they see it too', async () => {
    const { payment } = await pendingPayment(sys, 'g2');
    expect((await sys.call('getPayment', { paymentId: payment.paymentId }, 'admin:a1')).userId).toBe('g2');
  });

  it('when another user reads it, or the id is unknown or malformed, then NOT_FOUND', async () => {
    const { payment } = await pendingPayment(sys, 'g3');
    for (const [paymentId, token] of [
      [payment.paymentId, 'user:someone-else'],
      ['6f1c1b8e-6a55-4a51-9a53-5d3a54f0c0ff', 'user:g3'],
      ['not-a-uuid', 'user:g3'],
    ]) {
      await expect(sys.call('getPayment', { paymentId }, token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('when a service token without a user role reads it, then FORBIDDEN', async () => {
    const { payment } = await pendingPayment(sys, 'g4');
    await expect(sys.call('getPayment', { paymentId: payment.paymentId }, 'service:x')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
