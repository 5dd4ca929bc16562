import { randomUUID } from 'node:crypto';
import type { IsolatedSystem } from '@ticketing/system-runner';
import { ADMIN, call, newBuyer, startSystemWithAdmin } from './support';

async function holdCall(base: string, body: object, token: string) {
  const response = await fetch(`${base}/api/reservations/hold`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('waiting room end to end: enter, wait, get admitted, hold with the token', () => {
  let system: IsolatedSystem;
  const admin = ADMIN;

  beforeAll(async () => {
    system = await startSystemWithAdmin('e2e_queue');
  });
  afterAll(async () => {
    if (system) await system.teardown();
  });

  const buyer = (name: string) => newBuyer(system.gatewayUrl, `${name}@example.com`);

  /** An admin puts a queued session of 10 tickets on sale; returns its id. */
  async function queuedSession(queue: object): Promise<string> {
    const base = system.gatewayUrl;
    const adminToken = (await call(base, 'POST', '/api/auth/login', admin)).body.accessToken;
    const event = await call(
      base,
      'POST',
      '/api/admin/events',
      { title: 'Queued Gala', venue: 'Arena', status: 'PUBLISHED' },
      adminToken,
    );
    const startAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const body = { startAt, price: 80000, currency: 'KRW', totalStock: 10, queueEnabled: true, ...queue };
    const session = await call(base, 'POST', `/api/admin/events/${event.body.id}/sessions`, body, adminToken);
    expect(session.status).toBe(201);
    return session.body.id;
  }

  /** Enters the queue; the session reaches the queue through catalog's event, so NOT_FOUND may come first. */
  async function enter(sessionId: string, token: string) {
    let entry = await call(system.gatewayUrl, 'POST', '/api/queue/token', { sessionId }, token);
    for (let i = 0; entry.status === 404 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      entry = await call(system.gatewayUrl, 'POST', '/api/queue/token', { sessionId }, token);
    }
    return entry;
  }

  /** Polls the status route until `done`, keeping every `position` seen on the way. */
  async function statusUntil(token: string, queueToken: string, done: (status: any) => boolean) {
    const seen: number[] = [];
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = await call(
        system.gatewayUrl,
        'GET',
        `/api/queue/status?token=${encodeURIComponent(queueToken)}`,
        undefined,
        token,
      );
      expect(status.status).toBe(200);
      if (seen[seen.length - 1] !== status.body.position) seen.push(status.body.position);
      if (done(status.body)) return { status: status.body, seen };
      if (Date.now() > deadline) throw new Error(`not done in 20 s: ${JSON.stringify(status.body)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('when three buyers queue for a session at one a second, then they are let in in order and only with their token; a fourth is turned away', async () => {
    const base = system.gatewayUrl;
    const sessionId = await queuedSession({ admissionRatePerSec: 1, maxQueueLength: 2 });
    const [first, second, third, fourth] = (await Promise.all(['ana', 'ben', 'cho', 'dan'].map(buyer))) as [
      string,
      string,
      string,
      string,
    ];

    const entry = await enter(sessionId, first);
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({ position: 1, queueToken: expect.any(String) });
    const firstAdmitted = await statusUntil(first, entry.body.queueToken, (s) => s.allowed);
    expect(firstAdmitted.status).toMatchObject({ state: 'ADMITTED', position: 0 });

    // The next two wait: one place a second, and the room holds two waiting at most.
    const secondEntry = await call(base, 'POST', '/api/queue/token', { sessionId }, second);
    const thirdEntry = await call(base, 'POST', '/api/queue/token', { sessionId }, third);
    const full = await call(base, 'POST', '/api/queue/token', { sessionId }, fourth);
    expect([secondEntry.body.position, thirdEntry.body.position]).toEqual([2, 3]);
    expect(full.status).toBe(429);
    expect(full.body.code).toBe('QUEUE_FULL');
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Waiting is not admitted: neither a hold without a token nor one with a waiting token goes through.
    const noToken = await holdCall(base, { sessionId, quantity: 1 }, second);
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('NOT_ADMITTED');
    const held = await holdCall(base, { sessionId, quantity: 2, queueToken: entry.body.queueToken }, first);
    expect(held.status).toBe(201);
    // Another user's token admits nobody else.
    const borrowed = await holdCall(base, { sessionId, quantity: 1, queueToken: entry.body.queueToken }, second);
    expect(borrowed.status).toBe(403);

    const thirdWait = await statusUntil(third, thirdEntry.body.queueToken, (s) => s.allowed);
    expect(thirdWait.seen[0]).toBeGreaterThan(0);
    expect(thirdWait.seen[thirdWait.seen.length - 1]).toBe(0);
    expect([...thirdWait.seen].sort((a, b) => b - a)).toEqual(thirdWait.seen);
    const secondStatus = await statusUntil(second, secondEntry.body.queueToken, (s) => s.allowed);
    expect(secondStatus.status.state).toBe('ADMITTED');
    const secondHold = await holdCall(
      base,
      { sessionId, quantity: 1, queueToken: secondEntry.body.queueToken },
      second,
    );
    expect(secondHold.status).toBe(201);
  });

  it('when the live status is opened with the queue token alone, then the first event comes at once as Server-Sent Events', async () => {
    const base = system.gatewayUrl;
    const sessionId = await queuedSession({});
    const entry = await enter(sessionId, await buyer('eve'));
    expect(entry.status).toBe(201);
    const controller = new AbortController();
    // As a browser's EventSource does: no Authorization header, the queue token alone.
    const response = await fetch(`${base}/api/queue/stream?token=${encodeURIComponent(entry.body.queueToken)}`, {
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    const text = new TextDecoder().decode(value);
    expect(text).toMatch(/^(id|event|data):/m);
    expect(text).toContain('"state"');
    controller.abort();
  });
});
