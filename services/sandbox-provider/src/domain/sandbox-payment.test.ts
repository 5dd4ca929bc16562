import { completePayment, newPayment, refundPayment, sameRequest, type SandboxPayment } from './sandbox-payment';

const modes = { delayMs: 0, duplicates: false, outOfOrder: false };

function pending(): SandboxPayment {
  return newPayment({ pgPaymentId: 'pg_1', paymentId: 'pay-1', amount: 12000, currency: 'KRW', modes });
}

function succeeded(): SandboxPayment {
  const result = completePayment(pending(), 'success');
  if (!('payment' in result)) throw new Error('expected a success');
  return result.payment;
}

describe('completePayment', () => {
  it('when a pending payment is paid, then it is SUCCEEDED and a SUCCESS webhook with its amount is due', () => {
    const result = completePayment(pending(), 'success');
    expect(result).toMatchObject({ payment: { status: 'SUCCEEDED' } });
    expect('webhook' in result && result.webhook).toEqual({
      pgPaymentId: 'pg_1',
      status: 'SUCCESS',
      amount: 12000,
      currency: 'KRW',
    });
  });

  it('when a pending payment fails, then it is FAILED and a FAIL webhook is due', () => {
    const result = completePayment(pending(), 'fail');
    expect(result).toMatchObject({ payment: { status: 'FAILED' }, webhook: { status: 'FAIL' } });
  });

  it('when a payment is completed a second time, whatever the outcome, then it is refused with CONFLICT', () => {
    for (const outcome of ['success', 'fail'] as const) {
      expect(completePayment(succeeded(), outcome)).toMatchObject({ code: 'CONFLICT' });
    }
  });

  it('when a payment is completed, then the original is left as it was', () => {
    const original = pending();
    completePayment(original, 'success');
    expect(original.status).toBe('PENDING');
    expect(original.webhooks).toEqual([]);
  });
});

describe('refundPayment', () => {
  it('when a succeeded payment is refunded in full, then it is REFUNDED and a REFUNDED webhook is due', () => {
    const result = refundPayment(succeeded(), 12000, 'rf_1');
    expect(result).toMatchObject({
      payment: { status: 'REFUNDED', refundId: 'rf_1' },
      webhook: { status: 'REFUNDED' },
    });
    expect('payment' in result && result.payment.webhooks.map((w) => w.status)).toEqual(['SUCCESS', 'REFUNDED']);
  });

  it('when a refunded payment is refunded again, then the first refund id is returned and no webhook is due', () => {
    const first = refundPayment(succeeded(), 12000, 'rf_1');
    if (!('payment' in first)) throw new Error('expected a refund');
    const again = refundPayment(first.payment, 12000, 'rf_2');
    expect(again).toEqual({ payment: first.payment, webhook: undefined });
  });

  it('when the payment is pending or failed, then the refund is refused with CONFLICT', () => {
    expect(refundPayment(pending(), 12000, 'rf_1')).toMatchObject({ code: 'CONFLICT' });
    const failed = completePayment(pending(), 'fail');
    if (!('payment' in failed)) throw new Error('expected a failure');
    expect(refundPayment(failed.payment, 12000, 'rf_1')).toMatchObject({ code: 'CONFLICT' });
  });

  it('when the amount is not the amount paid, then the refund is refused with AMOUNT_MISMATCH', () => {
    expect(refundPayment(succeeded(), 11999, 'rf_1')).toMatchObject({ code: 'AMOUNT_MISMATCH' });
  });
});

describe('sameRequest', () => {
  it('when a creation repeats the amount and currency, then it is the same request; otherwise not', () => {
    expect(sameRequest(pending(), { amount: 12000, currency: 'KRW' })).toBe(true);
    expect(sameRequest(pending(), { amount: 12001, currency: 'KRW' })).toBe(false);
    expect(sameRequest(pending(), { amount: 12000, currency: 'USD' })).toBe(false);
  });
});
