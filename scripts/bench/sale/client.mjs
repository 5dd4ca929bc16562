// The buyers' HTTP client: JSON in and out, a bound on requests in flight (thousands of buyers
// share one load generator), and retries as a real client makes them: a network error, 502, 503 or
// 504 is tried again after a growing pause, with the same request (so the same Idempotency-Key).
// Every attempt is recorded, so retries hide nothing from the figures.

const RETRIED = new Set([0, 502, 503, 504]);

export function saleClient({ recorder, maxInFlight = 256, attempts = 1, backoffMs = 200 }) {
  let inFlight = 0;
  const waiting = [];
  const acquire = () =>
    inFlight < maxInFlight ? (inFlight++, Promise.resolve()) : new Promise((resolve) => waiting.push(resolve));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };

  async function once(type, method, url, { body, token, headers = {} }) {
    await acquire();
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
      const outcome = response.status < 400 ? 'ok' : (parsed?.code ?? `http ${response.status}`);
      recorder.record(type, performance.now() - started, response.status, outcome);
      return { status: response.status, body: parsed };
    } catch (error) {
      recorder.record(type, performance.now() - started, 0, 'network');
      return { status: 0, body: { code: 'NETWORK', detail: error.message } };
    } finally {
      release();
    }
  }

  /** One request, tried up to `attempts` times while the answer is a network error or 502/503/504. */
  async function request(type, method, url, options = {}) {
    let answer;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      answer = await once(type, method, url, options);
      if (!RETRIED.has(answer.status)) {
        if (attempt > 1) recorder.retried(type, answer.status < 400);
        return { ...answer, attempt };
      }
      // Doubling pauses, capped at 5 s, with jitter so retries after an outage do not arrive together.
      if (attempt < attempts) await sleep(Math.min(backoffMs * 2 ** (attempt - 1), 5000) * (0.5 + Math.random()));
    }
    return { ...answer, attempt: attempts };
  }

  return { request };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
