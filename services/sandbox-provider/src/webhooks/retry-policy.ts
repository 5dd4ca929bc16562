/** However many attempts are configured, a receiver is never left alone for more than an hour. */
export const MAX_BACKOFF_MS = 3_600_000;

/** The wait after failed attempt number `attempt` (1-based): base, 2×base, 4×base, ... */
export function backoffDelay(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

/**
 * Worth another try: the receiver is down or busy (5xx, 408, 429), or does not know the payment
 * yet (404: its checkout may still be committing when the buyer pays). Other 4xx are verdicts
 * (a bad signature, an amount that does not match) that a resend would only repeat.
 */
export function shouldRetry(status: number): boolean {
  return status >= 500 || status === 404 || status === 408 || status === 429;
}
