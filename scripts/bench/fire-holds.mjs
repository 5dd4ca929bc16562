// The firing phase of bench:hold: every request is its own user's hold with its own Idempotency-Key.
// Also the run's fairness: which requests got tickets, against when each was sent.
import { fireRequests } from './fire-requests.mjs';

const REFUSED_FOR_STOCK = new Set(['SOLD_OUT', 'INSUFFICIENT_STOCK']);
// Fairness is about requests sent clearly apart: closer than this, arrival order is the network's.
const INVERSION_GAP_MS = 5;

/** Request i of a run: user i % users, key `${keyPrefix}-${i}`, the user's own queue token if any. */
function holdRequests({ sessionId, tokens, queueTokens, keyPrefix = 'bench' }) {
  const bodies = tokens.map((_, user) =>
    JSON.stringify({ sessionId, quantity: 1, ...(queueTokens ? { queueToken: queueTokens[user] } : {}) }),
  );
  return (i) => ({ token: tokens[i % tokens.length], key: `${keyPrefix}-${i}`, body: bodies[i % tokens.length] });
}

/**
 * Sends `total` holds of 1 ticket, user i % users for request i, from `connections` clients; with
 * `queueTokens`, each user's hold carries its own admitted queue token. Besides fireRequests'
 * results, `sentAt[i]` is when request i went out (performance.now() ms) and `answers[i]` what it
 * got: 'TICKETS' (2xx), 'REFUSED_FOR_STOCK' (409 SOLD_OUT or INSUFFICIENT_STOCK), or
 * '<status> <code>' for anything else.
 */
export async function fireHolds({ base, total, connections, onQuarter, ...run }) {
  const holdRequest = holdRequests(run);
  const sentAt = new Float64Array(total);
  const answers = new Array(total);
  const result = await fireRequests({
    base,
    method: 'POST',
    path: '/api/reservations/hold',
    total,
    connections,
    ok: 201,
    onQuarter,
    onAnswer: (i, status, body) => {
      answers[i] = answerKind(status, body);
    },
    requestFor: (i) => {
      // autocannon builds a request just before writing it (a client's first one at the start).
      sentAt[i] = performance.now();
      const { token, key, body } = holdRequest(i);
      return {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body,
      };
    },
  });
  return { ...result, sentAt, answers };
}

function answerKind(status, body) {
  if (status >= 200 && status < 300) return 'TICKETS';
  let code;
  try {
    code = JSON.parse(body).code ?? '';
  } catch {
    code = 'UNPARSABLE';
  }
  return status === 409 && REFUSED_FOR_STOCK.has(code) ? 'REFUSED_FOR_STOCK' : `${status} ${code}`.trim();
}

/**
 * Inversions: pairs (i, j) where j was sent more than INVERSION_GAP_MS after i, j got tickets and
 * i was refused for lack of stock; 0 is first come, first served. Sorted send times and one sweep:
 * O(n log n), where comparing every pair of 8,000+ requests would be O(n²).
 */
export function countInversions(sentAt, answers) {
  const sentTimes = (kind) => Float64Array.from(answers.flatMap((answer, i) => (answer === kind ? [sentAt[i]] : [])));
  // A typed array sorts numerically.
  const refused = sentTimes('REFUSED_FOR_STOCK').sort();
  const served = sentTimes('TICKETS').sort();
  let inversions = 0;
  let refusedEarlier = 0;
  for (const sent of served) {
    while (refusedEarlier < refused.length && refused[refusedEarlier] < sent - INVERSION_GAP_MS) refusedEarlier++;
    inversions += refusedEarlier;
  }
  return inversions;
}
