import { randomUUID } from 'node:crypto';
import type { IsolatedSystem } from '@ticketing/system-runner';
import { ADMIN, call, newBuyer, startSystemWithAdmin } from './support';

/** `call` with an Idempotency-Key, as the hold route requires. */
async function holdCall(base: string, body: object, token: string, key: string) {
  const response = await fetch(`${base}/api/reservations/hold`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > timeoutMs) return { value, ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('reservation end to end: hold, my reservations, release, and the catalog follows', () => {
  let system: IsolatedSystem;
  const admin = ADMIN;

  beforeAll(async () => {
    system = await startSystemWithAdmin('e2e_reservation');
  });
  afterAll(async () => {
    if (system) await system.teardown();
  });

  const buyer = (email: string) => newBuyer(system.gatewayUrl, email);

  it('when two buyers hold and one releases, then each sees their own holds and the catalog remaining follows within a second', async () => {
    const base = system.gatewayUrl;
    const adminToken = (await call(base, 'POST', '/api/auth/login', admin)).body.accessToken;
    const event = await call(
      base,
      'POST',
      '/api/admin/events',
      { title: 'Winter Gala', venue: 'Seoul Arena', status: 'PUBLISHED' },
      adminToken,
    );
    expect(event.status).toBe(201);
    const startAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const session = await call(
      base,
      'POST',
      `/api/admin/events/${event.body.id}/sessions`,
      { startAt, price: 80000, currency: 'KRW', totalStock: 10 },
      adminToken,
    );
    expect(session.status).toBe(201);
    const sessionId: string = session.body.id;
    const remaining = async () =>
      (await call(base, 'GET', `/api/events/${event.body.id}/sessions`)).body.items.find(
        (s: { id: string }) => s.id === sessionId,
      ).remaining as number;

    const alice = await buyer('alice@example.com');
    const bob = await buyer('bob@example.com');

    // The session reaches reservation through catalog.session.created;
    // until then a hold is NOT_FOUND (and not remembered).
    const aliceKey = randomUUID();
    const first = await poll(
      () => holdCall(base, { sessionId, quantity: 2 }, alice, aliceKey),
      (r) => r.status !== 404,
      5000,
    );
    expect(first.value).toMatchObject({
      status: 201,
      body: {
        sessionId,
        quantity: 2,
        status: 'ACTIVE',
        event: { title: 'Winter Gala', venue: 'Seoul Arena', startAt },
        totalPrice: 160000,
        currency: 'KRW',
      },
    });
    const aliceHold = first.value.body;
    const replay = await holdCall(base, { sessionId, quantity: 2 }, alice, aliceKey);
    expect(replay).toEqual({ status: 201, body: aliceHold });
    const bobHold = await holdCall(base, { sessionId, quantity: 3 }, bob, randomUUID());
    expect(bobHold.status).toBe(201);
    expect(await holdCall(base, { sessionId, quantity: 5 }, bob, randomUUID())).toMatchObject({
      status: 400,
      body: { code: 'INVALID_QUANTITY' },
    });
    expect(await holdCall(base, { sessionId, quantity: 2 }, bob, randomUUID())).toMatchObject({
      status: 409,
      body: { code: 'PER_USER_LIMIT_EXCEEDED', remainingAllowance: 1 },
    });

    const held = await poll(remaining, (n) => n === 5, 3000);
    console.log(`catalog remaining after holds: ${held.value} after ${held.ms} ms`);
    expect(held.value).toBe(5);
    expect(held.ms).toBeLessThanOrEqual(1000);

    const mine = await call(base, 'GET', '/api/me/reservations', undefined, alice);
    expect(mine).toMatchObject({
      status: 200,
      body: {
        items: [{ holdId: aliceHold.holdId, status: 'ACTIVE', quantity: 2, event: { title: 'Winter Gala', startAt } }],
        nextCursor: null,
      },
    });
    expect((await call(base, 'GET', `/api/reservations/hold/${aliceHold.holdId}`, undefined, bob)).status).toBe(404);
    expect((await call(base, 'DELETE', `/api/reservations/hold/${aliceHold.holdId}`, undefined, bob)).status).toBe(404);

    expect((await call(base, 'DELETE', `/api/reservations/hold/${aliceHold.holdId}`, undefined, alice)).status).toBe(
      204,
    );
    expect(
      (await call(base, 'GET', `/api/reservations/hold/${aliceHold.holdId}`, undefined, alice)).body,
    ).toMatchObject({ status: 'RELEASED' });
    const released = await poll(remaining, (n) => n === 7, 3000);
    console.log(`catalog remaining after release: ${released.value} after ${released.ms} ms`);
    expect(released.value).toBe(7);
    expect(released.ms).toBeLessThanOrEqual(1000);

    const sales = await call(base, 'GET', `/api/admin/sessions/${sessionId}/sales`, undefined, adminToken);
    expect(sales).toMatchObject({ status: 200, body: { total: 10, available: 7, held: 3, sold: 0 } });
    expect(sales.body.buyers.map((b: { holdId: string; status: string }) => [b.holdId, b.status])).toEqual([
      [aliceHold.holdId, 'RELEASED'],
      [bobHold.body.holdId, 'ACTIVE'],
    ]);
    expect((await call(base, 'GET', `/api/admin/sessions/${sessionId}/sales`, undefined, bob)).status).toBe(403);
  });
});
