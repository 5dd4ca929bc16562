import { paidAmountDiffers, parsePaymentOutcome } from './payment-outcome';

const holdId = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

describe('payment outcomes read from payment events', () => {
  it('when the payload names a payment and a hold, then both are read, with the amount when there is one', () => {
    expect(
      parsePaymentOutcome({ paymentId: 'p1', holdId, userId: 'u1', amountMinor: 110000, currency: 'KRW' }),
    ).toEqual({ outcome: { paymentId: 'p1', holdId, paid: { amountMinor: 110000, currency: 'KRW' } } });
    expect(parsePaymentOutcome({ paymentId: 'p1', holdId, amountMinor: '110000', currency: 'KRW' })).toMatchObject({
      outcome: { paid: { amountMinor: 110000 } },
    });
    expect(parsePaymentOutcome({ paymentId: 'p1', holdId, reason: 'DECLINED' })).toEqual({
      outcome: { paymentId: 'p1', holdId, paid: 'absent' },
    });
  });

  it('when the amount cannot be read, then the outcome still names its payment, so a success can be refunded', () => {
    for (const amountMinor of [-5, 1.5, { amount: 1 }, 'lots'])
      expect(parsePaymentOutcome({ paymentId: 'p1', holdId, amountMinor, currency: 'KRW' })).toEqual({
        outcome: { paymentId: 'p1', holdId, paid: 'unreadable' },
      });
  });

  it('when the payload cannot name a payment or a hold, then the problem is named', () => {
    expect(parsePaymentOutcome({ paymentId: 'p1', holdId: 'not-a-hold' })).toEqual({ problem: 'holdId' });
    expect(parsePaymentOutcome({ holdId })).toEqual({ problem: 'paymentId' });
    expect(parsePaymentOutcome('nope')).toEqual({ problem: 'payload is not an object' });
  });

  it('when the amount paid is not the hold price in its currency, then it differs; no amount is not checked', () => {
    const hold = { priceMinor: 110000, currency: 'KRW' };
    expect(paidAmountDiffers({ amountMinor: 110000, currency: 'KRW' }, hold)).toBe(false);
    expect(paidAmountDiffers({ amountMinor: 100000, currency: 'KRW' }, hold)).toBe(true);
    expect(paidAmountDiffers({ amountMinor: 110000, currency: 'USD' }, hold)).toBe(true);
    expect(paidAmountDiffers({ amountMinor: 110000, currency: null }, hold)).toBe(true);
    expect(paidAmountDiffers('unreadable', hold)).toBe(true);
    expect(paidAmountDiffers('absent', hold)).toBe(false);
  });
});
