// Every e2e file runs its own whole system (all six processes from their built dist/) on free
// ports, with databases, stream and Redis keys of its own, so files can run side by side.
import { randomUUID } from 'node:crypto';
import { startIsolatedSystem } from '@ticketing/system-runner';

export { startIsolatedSystem };

export async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The bootstrap admin every e2e system is started with. */
export const ADMIN = { email: 'root@ticketing.test', password: 'Bootstrap-Admin-1' };

/** `startIsolatedSystem` with the bootstrap admin `ADMIN`. */
export function startSystemWithAdmin(label: string) {
  return startIsolatedSystem(label, {
    envFor: { auth: { BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password } },
  });
}

/** Signs a new buyer up and logs in; returns the access token. */
export async function newBuyer(base: string, email: string, password = 'Concert2026'): Promise<string> {
  const signUp = await call(base, 'POST', '/api/auth/signup', { email, password });
  if (signUp.status !== 201) throw new Error(`sign-up of ${email}: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  return (await call(base, 'POST', '/api/auth/login', { email, password })).body.accessToken;
}

/** A POST with a fresh Idempotency-Key, as holds, checkouts and cancellations require. */
export async function keyed(base: string, path: string, body: object, token: string) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, any>,
  };
}

/** Reads until `done` says yes, every 100 ms, for at most 20 s. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in 20 s: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A published session of `totalStock` tickets at 50,000 KRW a week ahead, once reservation knows it. */
export async function sessionOnSale(base: string, adminToken: string, totalStock = 10): Promise<string> {
  const event = await call(
    base,
    'POST',
    '/api/admin/events',
    { title: 'Paid Gala', venue: 'Hall', status: 'PUBLISHED' },
    adminToken,
  );
  const startAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const body = { startAt, price: 50_000, currency: 'KRW', totalStock };
  const session = await call(base, 'POST', `/api/admin/events/${event.body.id}/sessions`, body, adminToken);
  if (session.status !== 201) throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
  await until(
    () => call(base, 'GET', `/api/admin/sessions/${session.body.id}/sales`, undefined, adminToken),
    (s) => s.status === 200,
    'the session reaching reservation',
  );
  return session.body.id;
}
