// What every sale benchmark prepares before its clock starts: an event, sessions whose stock has
// reached the reservation service, and buyers who are signed up and logged in (argon2id is slow by
// design, so log-ins happen before a sale, as in life).
import { api, expectStatus, pool } from './http.mjs';

export async function createEvent(base, token) {
  return expectStatus(
    api(base, 'POST', '/api/admin/events', {
      token,
      body: { title: 'Bench Flash Sale', venue: 'Loopback Arena', status: 'PUBLISHED' },
    }),
    201,
    'create event',
  );
}

/** A quantity session starting tomorrow; `queue` is the waiting-room settings, if any. */
export async function createSession(base, token, eventId, totalStock, queue = {}) {
  const startAt = new Date(Date.now() + 86_400_000).toISOString();
  const session = await expectStatus(
    api(base, 'POST', `/api/admin/events/${eventId}/sessions`, {
      token,
      body: { startAt, price: 50_000, currency: 'KRW', totalStock, ...queue },
    }),
    201,
    'create session',
  );
  await waitForStock(base, token, session.id);
  return session;
}

/** Signs up and logs in `count` buyers named `<label><i>@bench.test`; returns their access tokens. */
export async function prepareBuyers(base, label, count) {
  const tokens = new Array(count);
  await pool(count, 8, async (i) => {
    const credentials = { email: `${label}${i}@bench.test`, password: 'Bench-Buyer-2026' };
    await expectStatus(api(base, 'POST', '/api/auth/signup', { body: credentials }), 201, 'sign-up');
    tokens[i] = (
      await expectStatus(api(base, 'POST', '/api/auth/login', { body: credentials }), 200, 'log-in')
    ).accessToken;
  });
  return tokens;
}

async function waitForStock(base, token, sessionId) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const sales = await api(base, 'GET', `/api/admin/sessions/${sessionId}/sales?limit=1`, { token });
    if (sales.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the reservation service never received the session (catalog.session.created)');
}

/**
 * Every buyer enters the session's waiting room, then waits until the last place is admitted:
 * for a benchmark of what comes after the queue. Returns each buyer's queue token.
 */
export async function admitAll(base, sessionId, tokens) {
  const queueTokens = new Array(tokens.length);
  await pool(tokens.length, 16, async (i) => {
    const entry = await expectStatus(
      api(base, 'POST', '/api/queue/token', { token: tokens[i], body: { sessionId } }),
      201,
      'enter the queue',
    );
    queueTokens[i] = entry.queueToken;
  });
  const deadline = Date.now() + 60_000;
  for (let i = 0; i < tokens.length; i++) {
    for (;;) {
      const status = await expectStatus(
        api(base, 'GET', `/api/queue/status?token=${encodeURIComponent(queueTokens[i])}`, { token: tokens[i] }),
        200,
        'queue status',
      );
      if (status.allowed) break;
      if (Date.now() > deadline) throw new Error(`buyer ${i} was not admitted within 60 s: ${JSON.stringify(status)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return queueTokens;
}
