import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { signingKey, startHarness, type Harness, type SigningKey } from './harness';

const user = { id: 'user-1', email: 'fan@example.com', roles: ['USER'], createdAt: '2026-11-25T00:00:00.000Z' };
const received: Record<string, unknown> = {};

const authMethods: Record<string, MethodSpec> = {
  signUp: { access: 'public', handle: async (req) => ((received.signUp = req), { user }) },
  logIn: {
    access: 'public',
    handle: async (req: { password: string }) => {
      received.logIn = req;
      if (req.password === 'throttled')
        throw new AppError('RATE_LIMITED', 'too many failed log-ins', { retryAfterSeconds: 42 });
      return { accessToken: 'a', refreshToken: 'r'.repeat(43), expiresIn: 900, tokenType: 'Bearer' };
    },
  },
  getMe: { access: 'public', handle: async () => ({ user }) },
  getJwks: { access: 'public', handle: async () => ({ jwksJson: '{"keys":[]}', keys: [] }) },
};

function b64(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('gateway edge: tokens, roles, bodies, headers', () => {
  let key: SigningKey;
  let harness: Harness;
  let app: FastifyInstance;

  beforeAll(async () => {
    key = await signingKey();
    harness = await startHarness({ auth: authMethods }, key);
    app = harness.app;
  });
  afterAll(() => harness.close());

  const me = (authorization?: string) =>
    app.inject({ method: 'GET', url: '/api/me', headers: authorization ? { authorization } : {} });

  it('when a user route is called without a token, then it is 401 UNAUTHENTICATED', async () => {
    const response = await me();
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('when the token is valid, then the user route answers', async () => {
    const response = await me(`Bearer ${await key.sign()}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(user);
  });

  it('when the token says alg none, then it is 401 TOKEN_INVALID', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', kid: 'test-key' })}.${b64({ sub: 'x', roles: ['ADMIN'], iss: 'ticketing-auth', aud: 'ticketing-api', iat: now, exp: now + 60 })}.`;
    expect((await me(`Bearer ${unsigned}`)).json()).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('when the token has expired, then it is 401 TOKEN_INVALID', async () => {
    const expired = await key.sign({ exp: Math.floor(Date.now() / 1000) - 120 });
    expect((await me(`Bearer ${expired}`)).json()).toMatchObject({
      status: 401,
      code: 'TOKEN_INVALID',
      detail: 'token expired',
    });
  });

  it('when the token was signed by another key, then it is 401 TOKEN_INVALID', async () => {
    const stranger = await signingKey('test-key');
    expect((await me(`Bearer ${await stranger.sign()}`)).json()).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('when the token has the wrong issuer or audience, then it is 401', async () => {
    expect((await me(`Bearer ${await key.sign({ iss: 'evil' })}`)).statusCode).toBe(401);
    expect((await me(`Bearer ${await key.sign({ aud: 'other' })}`)).statusCode).toBe(401);
  });

  it('when an admin route is called with a USER token, then it is 403 FORBIDDEN; without a token 401', async () => {
    const asUser = await app.inject({
      method: 'GET',
      url: '/api/admin/events',
      headers: { authorization: `Bearer ${await key.sign()}` },
    });
    expect(asUser.statusCode).toBe(403);
    expect(asUser.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await app.inject({ method: 'GET', url: '/api/admin/events' })).statusCode).toBe(401);
    const asAdmin = await app.inject({
      method: 'GET',
      url: '/api/admin/events',
      headers: { authorization: `Bearer ${await key.sign({ roles: ['USER', 'ADMIN'] })}` },
    });
    // Past the gate: this harness's catalog has no handlers, so the upstream answers NOT_IMPLEMENTED.
    expect(asAdmin.statusCode).toBe(501);
  });

  it('when signing up, then the body goes to auth and the answer is 201 with id and email only', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'fan@example.com', password: 'Secret123' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: 'user-1', email: 'fan@example.com' });
    expect(received.signUp).toEqual({ email: 'fan@example.com', password: 'Secret123' });
  });

  it('when logging in, then the client address comes from the connection, not the body', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'fan@example.com', password: 'Secret123' },
      remoteAddress: '203.0.113.9',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(received.logIn).toMatchObject({ clientAddress: '203.0.113.9' });
  });

  it('when auth throttles a log-in, then the answer is 429 with Retry-After', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'fan@example.com', password: 'throttled' },
    });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('42');
    expect(response.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('when the body is not JSON, then it is 400 MALFORMED_JSON and the server keeps serving', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.co", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'MALFORMED_JSON' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('when the body is 10 MB, then it is 413 PAYLOAD_TOO_LARGE and the server keeps serving', async () => {
    const huge = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(10 * 1024 * 1024) });
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: huge,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('when the body has extra fields, then it is 400 VALIDATION_FAILED and nothing reaches the service', async () => {
    delete received.signUp;
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'a@b.co', password: 'Secret123', roles: ['ADMIN'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(received.signUp).toBeUndefined();
  });

  it('when the body is not JSON at all, then it is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('when any response is sent, then it carries security headers; a CORS preflight is answered', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/auth/login',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('when the JWKS is asked for, then it is served publicly as a JWK set', async () => {
    const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/jwk-set\+json/);
    expect(response.json()).toEqual({ keys: [] });
  });
});

describe('gateway edge: rate limits in Redis', () => {
  let key: SigningKey;
  let harness: Harness;

  beforeAll(async () => {
    key = await signingKey();
    harness = await startHarness({ auth: authMethods }, key, {
      RATE_LIMIT_ANONYMOUS_PER_MIN: '3',
      RATE_LIMIT_USER_PER_MIN: '5',
    });
  });
  afterAll(() => harness.close());

  it('when an address goes over its limit, then it gets 429 problem+json with Retry-After', async () => {
    const call = () =>
      harness.app.inject({ method: 'GET', url: '/.well-known/jwks.json', remoteAddress: '198.51.100.7' });
    for (let i = 0; i < 3; i++) expect((await call()).statusCode).toBe(200);
    const limited = await call();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    const otherAddress = await harness.app.inject({
      method: 'GET',
      url: '/.well-known/jwks.json',
      remoteAddress: '198.51.100.8',
    });
    expect(otherAddress.statusCode).toBe(200);
  });

  it('when a signed-in user calls, then the user has a limit of their own, whatever the address', async () => {
    const token = await key.sign({ sub: 'limited-user' });
    const call = () =>
      harness.app.inject({
        method: 'GET',
        url: '/api/me',
        remoteAddress: '198.51.100.7',
        headers: { authorization: `Bearer ${token}` },
      });
    for (let i = 0; i < 5; i++) expect((await call()).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(429);
  });

  it('when health is probed often, then it is never rate limited', async () => {
    for (let i = 0; i < 6; i++)
      expect(
        (await harness.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '198.51.100.7' })).statusCode,
      ).toBe(200);
  });
});
