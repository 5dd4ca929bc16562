/** What the store knows about a presented refresh token, read while its family is locked. */
export interface PresentedTokenState {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  familyRevokedAt: Date | null;
}

/**
 * ROTATE: the one legitimate next step. REUSE: a token that was already exchanged came back,
 * so someone holds a copy; the family must die. Everything else is simply refused.
 */
export type RefreshVerdict = 'ROTATE' | 'REUSE' | 'REVOKED' | 'EXPIRED' | 'UNKNOWN';

export function judgeRefreshToken(state: PresentedTokenState | null, now: Date): RefreshVerdict {
  if (!state) return 'UNKNOWN';
  // Reuse is checked first: a used token replayed after log-out is still worth an audit row.
  if (state.usedAt) return 'REUSE';
  if (state.revokedAt || state.familyRevokedAt) return 'REVOKED';
  if (state.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'ROTATE';
}
