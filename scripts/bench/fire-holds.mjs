// The firing phase of bench:hold, on autocannon's HTTP client: the load generator shares the two
// cores with the system it measures, and autocannon costs far less CPU per request than fetch
// or node:http. Every request is its own user's hold with its own Idempotency-Key.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/** Sends `total` holds of 1 ticket, user i % users for request i, from `connections` clients. */
export function fireHolds({ base, sessionId, tokens, total, connections, keyPrefix = 'bench', onQuarter }) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ sessionId, quantity: 1 });
    const outcomes = {};
    const latencies = [];
    let next = 0;
    let accepted = 0;
    let lastAcceptedAt = 0;
    const started = performance.now();
    const instance = autocannon(
      {
        url: base,
        // autocannon refuses more connections than requests (a small run or warm-up).
        connections: Math.min(connections, total),
        pipelining: 1,
        amount: total,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/api/reservations/hold',
            setupRequest: (request) => {
              const i = next++;
              return {
                ...request,
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${tokens[i % tokens.length]}`,
                  'idempotency-key': `${keyPrefix}-${i}`,
                },
                body,
              };
            },
            onResponse: (status, responseBody) => {
              let code = '';
              if (status !== 201) {
                try {
                  code = JSON.parse(responseBody).code ?? '';
                } catch {
                  code = 'UNPARSABLE';
                }
              }
              const outcome = status === 201 ? 'ACCEPTED' : `${status} ${code}`.trim();
              outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
              if (status === 201) {
                accepted++;
                lastAcceptedAt = performance.now();
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.errors || result.timeouts) outcomes.NETWORK_ERROR = result.errors + result.timeouts;
        resolve({ outcomes, latencies, accepted, started, lastAcceptedAt, elapsedMs: performance.now() - started });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (onQuarter && latencies.length % Math.floor(total / 4) === 0) onQuarter(latencies.length);
    });
  });
}
