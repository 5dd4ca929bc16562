// The firing phase of a benchmark, on autocannon's HTTP client: the load generator shares the two
// cores with the system it measures, and autocannon costs far less CPU per request than fetch or
// node:http. Request i is built by `requestFor(i)`; every answer is counted by its outcome.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/** `201` → "ACCEPTED" (the `ok` status), else "<status> <problem code>". */
function outcomeOf(status, body, ok) {
  if (status === ok) return 'ACCEPTED';
  try {
    return `${status} ${JSON.parse(body).code ?? ''}`.trim();
  } catch {
    return `${status} UNPARSABLE`;
  }
}

/**
 * Sends `total` requests from `connections` clients. `onAccepted(body)` sees each successful answer;
 * `onAnswer(i, status, body)` sees every answer with its request's number. Resolves with outcome
 * counts, latencies (ms, in answer order) and the time of the last success.
 */
export function fireRequests({
  base,
  method,
  path,
  total,
  connections,
  ok,
  requestFor,
  onAccepted,
  onAnswer,
  onQuarter,
}) {
  return new Promise((resolve, reject) => {
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
            method,
            path,
            // The context is the connection's, and a connection has one request in flight (no
            // pipelining): it carries the request's number from its setup to its answer.
            setupRequest: (request, context) => {
              context.requestNumber = next++;
              return { ...request, ...requestFor(context.requestNumber) };
            },
            onResponse: (status, body, context) => {
              onAnswer?.(context.requestNumber, status, body);
              const outcome = outcomeOf(status, body, ok);
              outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
              if (status !== ok) return;
              accepted++;
              lastAcceptedAt = performance.now();
              onAccepted?.(body);
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
