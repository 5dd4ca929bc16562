import { checkoutFingerprint, checkoutRequestRefusal, holdRefusal } from './checkout-rules';

const HOLD_ID = '6f1c1b8e-6a55-4a51-9a53-5d3a54f0c001';
const NOW = new Date('2026-12-01T10:00:00Z');

describe('checkout requests', () => {
  it('when the key, hold id and method are good, then nothing is refused', () => {
    expect(checkoutRequestRefusal({ holdId: HOLD_ID, method: 'CARD', idempotencyKey: 'k-1' })).toBeNull();
  });

  it('when the key is missing or malformed, then IDEMPOTENCY_KEY_REQUIRED or INVALID_ARGUMENT', () => {
    expect(checkoutRequestRefusal({ holdId: HOLD_ID, method: 'CARD', idempotencyKey: '' })?.code).toBe(
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    expect(checkoutRequestRefusal({ holdId: HOLD_ID, method: 'CARD', idempotencyKey: 'a b' })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'idempotencyKey' },
    });
  });

  it('when the hold id is not a uuid, then NOT_FOUND; when the method is not CARD, then INVALID_ARGUMENT', () => {
    expect(checkoutRequestRefusal({ holdId: 'nope', method: 'CARD', idempotencyKey: 'k' })?.code).toBe('NOT_FOUND');
    expect(
      checkoutRequestRefusal({ holdId: HOLD_ID, method: 'PAYMENT_METHOD_UNSPECIFIED', idempotencyKey: 'k' }),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'method' } });
  });

  it('when two requests name the same hold and method, then their fingerprints are equal; otherwise not', () => {
    expect(checkoutFingerprint(HOLD_ID, 'CARD')).toBe(checkoutFingerprint(HOLD_ID, 'CARD'));
    expect(checkoutFingerprint(HOLD_ID, 'CARD')).not.toBe(
      checkoutFingerprint('6f1c1b8e-6a55-4a51-9a53-5d3a54f0c002', 'CARD'),
    );
  });
});

describe('which holds can be paid', () => {
  const later = new Date(NOW.getTime() + 60_000).toISOString();
  const earlier = new Date(NOW.getTime() - 1).toISOString();

  it('when the hold is ACTIVE and its time has not passed, then it can be paid', () => {
    expect(holdRefusal({ status: 'ACTIVE', expiresAt: later }, NOW)).toBeNull();
  });

  it('when the hold expired, or is ACTIVE but its time has passed, then HOLD_EXPIRED', () => {
    expect(holdRefusal({ status: 'EXPIRED', expiresAt: earlier }, NOW)?.code).toBe('HOLD_EXPIRED');
    expect(holdRefusal({ status: 'ACTIVE', expiresAt: earlier }, NOW)?.code).toBe('HOLD_EXPIRED');
    expect(holdRefusal({ status: 'ACTIVE', expiresAt: NOW.toISOString() }, NOW)?.code).toBe('HOLD_EXPIRED');
  });

  it.each(['SOLD', 'RELEASED', 'CANCELLED'])(
    'when the hold is %s, then HOLD_NOT_ACTIVE naming its status',
    (status) => {
      expect(holdRefusal({ status, expiresAt: later }, NOW)).toMatchObject({
        code: 'HOLD_NOT_ACTIVE',
        details: { status },
      });
    },
  );
});
