import { PAYMENT_STATUSES, decideCallback, refundStep, type PaymentStatus } from './payment-transitions';

describe('what a provider callback does to a payment', () => {
  it.each([
    ['PENDING', 'SUCCESS', 'SUCCEEDED'],
    ['PENDING', 'FAIL', 'FAILED'],
    ['REFUND_PENDING', 'REFUNDED', 'REFUNDED'],
    ['SUCCEEDED', 'REFUNDED', 'REFUNDED'],
  ] as const)('when a %s payment hears %s for the first time, then it becomes %s', (from, reported, to) => {
    expect(decideCallback(from, reported, false)).toEqual({ outcome: 'APPLIED', to });
  });

  it('when the same (payment, status) was applied before, then every copy is a DUPLICATE whatever the state now', () => {
    for (const status of PAYMENT_STATUSES) {
      expect(decideCallback(status, 'SUCCESS', true)).toEqual({ outcome: 'DUPLICATE' });
    }
  });

  it.each([
    ['FAILED', 'SUCCESS'],
    ['SUCCEEDED', 'FAIL'],
    ['PENDING', 'REFUNDED'],
    ['FAILED', 'REFUNDED'],
    ['REFUNDED', 'FAIL'],
    ['REFUND_PENDING', 'SUCCESS'],
  ] as const)(
    'when a %s payment hears %s it did not expect, then it is IGNORED and the state stays',
    (from, reported) => {
      expect(decideCallback(from, reported, false)).toEqual({ outcome: 'IGNORED' });
    },
  );
});

describe('what a refund request does to a payment', () => {
  it.each([
    ['SUCCEEDED', 'start'],
    ['REFUND_PENDING', 'ask-again'],
    ['REFUNDED', 'done'],
    ['PENDING', 'nothing-charged'],
    ['FAILED', 'nothing-charged'],
  ] as Array<[PaymentStatus, string]>)('when the payment is %s, then the step is %s', (status, step) => {
    expect(refundStep(status)).toBe(step);
  });
});
