// Every e2e file runs its own whole system (all six processes from their built dist/) on free
// ports, with databases, stream and Redis keys of its own, so files can run side by side.
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
