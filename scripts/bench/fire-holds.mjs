// The firing phase of bench:hold: every request is its own user's hold with its own Idempotency-Key.
import { fireRequests } from './fire-requests.mjs';

/**
 * Sends `total` holds of 1 ticket, user i % users for request i, from `connections` clients; with
 * `queueTokens`, each user's hold carries its own admitted queue token.
 */
export function fireHolds({
  base,
  sessionId,
  tokens,
  queueTokens,
  total,
  connections,
  keyPrefix = 'bench',
  onQuarter,
}) {
  const bodies = tokens.map((_, user) =>
    JSON.stringify({ sessionId, quantity: 1, ...(queueTokens ? { queueToken: queueTokens[user] } : {}) }),
  );
  return fireRequests({
    base,
    method: 'POST',
    path: '/api/reservations/hold',
    total,
    connections,
    ok: 201,
    onQuarter,
    requestFor: (i) => ({
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[i % tokens.length]}`,
        'idempotency-key': `${keyPrefix}-${i}`,
      },
      body: bodies[i % tokens.length],
    }),
  });
}
