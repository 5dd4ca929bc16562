import type { IsolatedSystem } from '@ticketing/system-runner';
import { ADMIN, call, startSystemWithAdmin } from './support';

describe('auth end to end: sign up, log in, me, refresh, log out', () => {
  let system: IsolatedSystem;
  const admin = ADMIN;

  beforeAll(async () => {
    system = await startSystemWithAdmin('e2e_auth');
  });
  afterAll(async () => {
    if (system) await system.teardown();
  });

  it('when a buyer signs up and uses the session, then every step works and a used refresh token is refused', async () => {
    const base = system.gatewayUrl;
    const signUp = await call(base, 'POST', '/api/auth/signup', {
      email: '  Fan@Example.COM ',
      password: 'Concert2026',
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body).toEqual({ id: expect.any(String), email: 'fan@example.com' });

    const again = await call(base, 'POST', '/api/auth/signup', { email: 'FAN@example.com', password: 'Concert2026' });
    expect(again).toMatchObject({ status: 409, body: { code: 'EMAIL_TAKEN' } });

    const login = await call(base, 'POST', '/api/auth/login', { email: 'fan@example.com', password: 'Concert2026' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });

    const me = await call(base, 'GET', '/api/me', undefined, login.body.accessToken);
    expect(me).toMatchObject({ status: 200, body: { id: signUp.body.id, email: 'fan@example.com', roles: ['USER'] } });

    const refreshed = await call(base, 'POST', '/api/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);
    expect((await call(base, 'GET', '/api/me', undefined, refreshed.body.accessToken)).status).toBe(200);

    const logout = await call(base, 'POST', '/api/auth/logout', { refreshToken: refreshed.body.refreshToken });
    expect(logout.status).toBe(204);
    const afterLogout = await call(base, 'POST', '/api/auth/refresh', { refreshToken: refreshed.body.refreshToken });
    expect(afterLogout).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
    const oldOne = await call(base, 'POST', '/api/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(oldOne).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
  });

  it('when the password is wrong or too weak, then the answers say so with stable codes', async () => {
    const base = system.gatewayUrl;
    const weak = await call(base, 'POST', '/api/auth/signup', { email: 'weak@example.com', password: 'password' });
    expect(weak).toMatchObject({ status: 400, body: { code: 'WEAK_PASSWORD' } });
    const wrong = await call(base, 'POST', '/api/auth/login', { email: 'fan@example.com', password: 'Wrong-Pass-1' });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    const nobody = await call(base, 'POST', '/api/auth/login', {
      email: 'nobody@example.com',
      password: 'Wrong-Pass-1',
    });
    expect(nobody).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', detail: wrong.body.detail } });
  });

  it('when the bootstrap admin logs in, then the token carries ADMIN and the JWKS verifies it', async () => {
    const base = system.gatewayUrl;
    const login = await call(base, 'POST', '/api/auth/login', admin);
    expect(login.status).toBe(200);
    const me = await call(base, 'GET', '/api/me', undefined, login.body.accessToken);
    expect(me.body.roles).toEqual(expect.arrayContaining(['ADMIN']));
    const jwks = await call(base, 'GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    const header = JSON.parse(Buffer.from(login.body.accessToken.split('.')[0], 'base64url').toString());
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    expect(jwks.body.keys.every((k: Record<string, unknown>) => k.d === undefined)).toBe(true);
  });

  it('when a user calls an admin route, then it is 403; the admin passes the gate', async () => {
    const base = system.gatewayUrl;
    const user = await call(base, 'POST', '/api/auth/login', { email: 'fan@example.com', password: 'Concert2026' });
    expect((await call(base, 'GET', '/api/admin/events', undefined, user.body.accessToken)).status).toBe(403);
    const root = await call(base, 'POST', '/api/auth/login', admin);
    expect((await call(base, 'GET', '/api/admin/events', undefined, root.body.accessToken)).status).not.toBe(403);
  });
});
