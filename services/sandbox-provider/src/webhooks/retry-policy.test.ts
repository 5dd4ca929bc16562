import { backoffDelay, MAX_BACKOFF_MS, shouldRetry } from './retry-policy';

describe('retry policy', () => {
  it('when attempts fail in a row, then the wait doubles from the base: 200, 400, 800 ms', () => {
    expect([1, 2, 3].map((attempt) => backoffDelay(200, attempt))).toEqual([200, 400, 800]);
  });

  it('when the doubling would pass an hour, then the wait stays at an hour', () => {
    expect(backoffDelay(200, 30)).toBe(MAX_BACKOFF_MS);
    expect(MAX_BACKOFF_MS).toBe(3_600_000);
  });

  it('when the receiver answers 5xx, 404, 408 or 429, then the webhook is retried', () => {
    for (const status of [500, 502, 503, 504, 404, 408, 429]) expect(shouldRetry(status)).toBe(true);
  });

  it('when the receiver refuses it for good (400, 401, 409, 422), then it is not retried', () => {
    for (const status of [400, 401, 403, 409, 413, 422]) expect(shouldRetry(status)).toBe(false);
  });
});
