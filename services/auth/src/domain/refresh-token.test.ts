import { judgeRefreshToken, type PresentedTokenState } from './refresh-token';

const now = new Date('2027-01-01T12:00:00Z');
const fresh: PresentedTokenState = {
  usedAt: null,
  revokedAt: null,
  expiresAt: new Date('2027-01-02T12:00:00Z'),
  familyRevokedAt: null,
};

describe('refresh token verdict', () => {
  it('when the token is unused, unrevoked and unexpired, then it may rotate', () => {
    expect(judgeRefreshToken(fresh, now)).toBe('ROTATE');
  });

  it('when the token is not in the store, then it is UNKNOWN', () => {
    expect(judgeRefreshToken(null, now)).toBe('UNKNOWN');
  });

  it('when the token was already used, then it is REUSE even if its family is revoked already', () => {
    expect(judgeRefreshToken({ ...fresh, usedAt: now }, now)).toBe('REUSE');
    expect(judgeRefreshToken({ ...fresh, usedAt: now, familyRevokedAt: now }, now)).toBe('REUSE');
  });

  it('when the token or its family is revoked, then it is REVOKED', () => {
    expect(judgeRefreshToken({ ...fresh, revokedAt: now }, now)).toBe('REVOKED');
    expect(judgeRefreshToken({ ...fresh, familyRevokedAt: now }, now)).toBe('REVOKED');
  });

  it('when the token expires now or earlier, then it is EXPIRED', () => {
    expect(judgeRefreshToken({ ...fresh, expiresAt: now }, now)).toBe('EXPIRED');
  });
});
