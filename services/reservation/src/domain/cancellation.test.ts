import { cancellableUntil, cancelRefusal } from './cancellation';

const startAt = new Date('2026-12-03T19:00:00Z');
const sold = { userId: 'u1', status: 'SOLD' as const };

describe('cancelling a purchase', () => {
  it('when it is the owner, the hold is SOLD and the cut-off has not come, then it may be cancelled', () => {
    expect(cancelRefusal(sold, 'u1', startAt, 24, new Date('2026-12-02T18:59:59.999Z'))).toBeNull();
  });

  it('when the cut-off has come, then it is CANCELLATION_CLOSED and says until when it was allowed', () => {
    expect(cancelRefusal(sold, 'u1', startAt, 24, new Date('2026-12-02T19:00:00Z'))).toMatchObject({
      code: 'CANCELLATION_CLOSED',
      details: { cancellableUntil: '2026-12-02T19:00:00.000Z' },
    });
    expect(cancelRefusal(sold, 'u1', startAt, 0, startAt)).toMatchObject({ code: 'CANCELLATION_CLOSED' });
  });

  it('when the hold is not the callers or does not exist, then it is NOT_FOUND', () => {
    expect(cancelRefusal(sold, 'u2', startAt, 24, new Date('2026-12-01T00:00:00Z'))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(cancelRefusal(null, 'u1', startAt, 24, new Date('2026-12-01T00:00:00Z'))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('when the hold is not SOLD, then it is a CONFLICT naming its status', () => {
    for (const status of ['ACTIVE', 'EXPIRED', 'RELEASED', 'CANCELLED'] as const)
      expect(cancelRefusal({ ...sold, status }, 'u1', startAt, 24, new Date('2026-12-01T00:00:00Z'))).toMatchObject({
        code: 'CONFLICT',
        details: { status },
      });
  });

  it('when the cut-off is counted, then it is whole hours before the start', () => {
    expect(cancellableUntil(startAt, 48).toISOString()).toBe('2026-12-01T19:00:00.000Z');
  });
});
