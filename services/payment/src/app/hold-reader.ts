/** What checkout needs to know of a hold. */
export interface HoldSnapshot {
  holdId: string;
  userId: string;
  status: string;
  expiresAt: string;
  amountMinor: number;
  currency: string;
}

/**
 * Reads a hold from reservation as the caller: with the caller's own token, so another user's
 * hold is NOT_FOUND there, exactly as when the caller asks reservation directly.
 */
export interface HoldReader {
  readHold(holdId: string, callerToken: string): Promise<HoldSnapshot>;
}
