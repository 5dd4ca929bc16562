import {
  expiredAt,
  paymentSuccessDecision,
  releaseRefusal,
  releasesOnPaymentFailure,
  saleDecision,
  type HoldState,
} from './hold-transitions';

const now = new Date('2026-12-01T10:00:00Z');
const active: HoldState = { userId: 'u1', status: 'ACTIVE', expiresAt: new Date('2026-12-01T10:01:00Z') };

describe('hold transitions', () => {
  it('releaseOnlyOwnActiveHold: the owner releases an ACTIVE hold; anyone else is told it does not exist', () => {
    expect(releaseRefusal(active, 'u1', now)).toBeNull();
    expect(releaseRefusal(active, 'u2', now)).toMatchObject({ code: 'NOT_FOUND' });
    expect(releaseRefusal(null, 'u1', now)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('releaseOfAFinishedHoldIsAConflict: expired (even before the sweeper ran) is HOLD_EXPIRED, sold or released CONFLICT', () => {
    expect(releaseRefusal({ ...active, status: 'EXPIRED' }, 'u1', now)).toMatchObject({ code: 'HOLD_EXPIRED' });
    expect(releaseRefusal({ ...active, expiresAt: now }, 'u1', now)).toMatchObject({ code: 'HOLD_EXPIRED' });
    expect(releaseRefusal({ ...active, status: 'RELEASED' }, 'u1', now)).toMatchObject({ code: 'CONFLICT' });
    expect(releaseRefusal({ ...active, status: 'SOLD' }, 'u1', now)).toMatchObject({ code: 'CONFLICT' });
  });

  it('holdToSoldOnlyWhileActive: an active hold sells, a sold one is already done, an expired one is HOLD_EXPIRED', () => {
    expect(saleDecision(active, now)).toBe('sell');
    expect(saleDecision({ ...active, status: 'SOLD' }, now)).toBe('already-sold');
    expect(saleDecision({ ...active, expiresAt: new Date('2026-12-01T09:59:59Z') }, now)).toMatchObject({
      code: 'HOLD_EXPIRED',
    });
    expect(saleDecision({ ...active, status: 'RELEASED' }, now)).toMatchObject({ code: 'CONFLICT' });
    expect(saleDecision(null, now)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('paymentSuccessSellsWhatIsStillHeldAndRetakesWhatEnded: a sold hold only repeats for its own payment', () => {
    expect(paymentSuccessDecision({ status: 'ACTIVE', paymentId: null }, 'p1')).toBe('sell-held');
    expect(paymentSuccessDecision({ status: 'EXPIRED', paymentId: null }, 'p1')).toBe('retake');
    expect(paymentSuccessDecision({ status: 'RELEASED', paymentId: null }, 'p1')).toBe('retake');
    expect(paymentSuccessDecision({ status: 'SOLD', paymentId: 'p1' }, 'p1')).toBe('already-applied');
    expect(paymentSuccessDecision({ status: 'CANCELLED', paymentId: 'p1' }, 'p1')).toBe('already-applied');
    expect(paymentSuccessDecision({ status: 'SOLD', paymentId: null }, 'p1')).toBe('already-applied');
    expect(paymentSuccessDecision({ status: 'SOLD', paymentId: 'p1' }, 'p2')).toBe('refund');
    expect(paymentSuccessDecision({ status: 'CANCELLED', paymentId: 'p1' }, 'p2')).toBe('refund');
  });

  it('paymentFailureReleasesOnlyAnActiveHold: whatever else the hold is stays as it is', () => {
    expect(releasesOnPaymentFailure({ status: 'ACTIVE' })).toBe(true);
    for (const status of ['SOLD', 'EXPIRED', 'RELEASED', 'CANCELLED'] as const)
      expect(releasesOnPaymentFailure({ status })).toBe(false);
  });

  it('holdExpiresOnceItsTimeHasPassed: expiry is at the instant itself, not a moment later', () => {
    expect(expiredAt(active, new Date('2026-12-01T10:00:59.999Z'))).toBe(false);
    expect(expiredAt(active, new Date('2026-12-01T10:01:00Z'))).toBe(true);
    expect(expiredAt({ ...active, status: 'SOLD' }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});
