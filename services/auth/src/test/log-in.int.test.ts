import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@ticketing/auth-tokens';
import { queryOnce } from '@ticketing/testing';
import { GOOD_PASSWORD, newEmail, signUpAndLogIn, startTestAuth, type TestAuth } from './harness';

describe('auth LogIn through gRPC against a real database', () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_login');
  });
  afterAll(() => auth.stop());

  it('when the password is right, then an access token, a refresh token, expiresIn and Bearer come back', async () => {
    const session = await signUpAndLogIn(auth);
    expect(session).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
    expect(session.accessToken.split('.')).toHaveLength(3);
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('when the address is typed in another case with spaces, then log-in still works', async () => {
    const email = newEmail();
    await auth.call('signUp', { email, password: GOOD_PASSWORD });
    await expect(
      auth.call('logIn', { email: ` ${email.toUpperCase()} `, password: GOOD_PASSWORD }),
    ).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when a user logs in, then the access token is an EdDSA JWT with kid, iss, aud, sub, roles, email, iat, exp and jti that verifies with the published keys', async () => {
    const session = await signUpAndLogIn(auth);
    const header = decodeProtectedHeader(session.accessToken);
    expect(header).toEqual({ alg: 'EdDSA', kid: expect.any(String), typ: 'JWT' });
    const claims = decodeJwt(session.accessToken);
    expect(claims).toEqual({
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: session.user.id,
      roles: ['USER'],
      email: session.email,
      iat: expect.any(Number),
      exp: claims.iat! + 900,
      jti: expect.any(String),
    });
    const verify = createTokenVerifier({ loadJwks: async () => JSON.parse((await auth.call('getJwks', {})).jwksJson) });
    await expect(verify(session.accessToken)).resolves.toMatchObject({ subject: session.user.id, roles: ['USER'] });
  });

  it('when the password is wrong, then it is INVALID_CREDENTIALS', async () => {
    const email = newEmail();
    await auth.call('signUp', { email, password: GOOD_PASSWORD });
    await expect(auth.call('logIn', { email, password: 'Wrong-Password-1' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('when the email is unknown, then it is INVALID_CREDENTIALS with the same message as a wrong password', async () => {
    const email = newEmail();
    await auth.call('signUp', { email, password: GOOD_PASSWORD });
    const wrongPassword = await auth.call('logIn', { email, password: 'Wrong-Password-1' }).catch((e: unknown) => e);
    const unknownEmail = await auth
      .call('logIn', { email: newEmail('nobody'), password: 'Wrong-Password-1' })
      .catch((e: unknown) => e);
    expect(unknownEmail).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect((unknownEmail as Error).message).toBe((wrongPassword as Error).message);
    expect((unknownEmail as { details: unknown }).details).toEqual((wrongPassword as { details: unknown }).details);
  });

  it('when the email is unknown or the password is wrong, then both answers take about the same time', async () => {
    const email = newEmail();
    await auth.call('signUp', { email, password: GOOD_PASSWORD });
    const timeOf = async (attempt: () => Promise<unknown>) => {
      const started = performance.now();
      await attempt().catch(() => undefined);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so a burst of load on the machine hits both kinds alike.
    for (let i = 0; i < 7; i++) {
      known.push(await timeOf(() => auth.call('logIn', { email, password: `Wrong-Password-${i}` })));
      unknown.push(
        await timeOf(() => auth.call('logIn', { email: newEmail('ghost'), password: `Wrong-Password-${i}` })),
      );
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('when a log-in fails or succeeds, then audit rows record it with the normalised email and never the password', async () => {
    const email = newEmail();
    const { user } = await auth.call('signUp', { email, password: GOOD_PASSWORD });
    const ghost = newEmail('ghost');
    await auth
      .call('logIn', { email: email.toUpperCase(), password: 'Wrong-Password-9', clientAddress: '203.0.113.7' })
      .catch(() => undefined);
    await auth.call('logIn', { email: ghost, password: 'Wrong-Password-9' }).catch(() => undefined);
    await auth.call('logIn', { email, password: GOOD_PASSWORD, clientAddress: '203.0.113.7' });
    const rows = await queryOnce<{ actor_id: string | null; action: string; meta: Record<string, unknown> }>(
      auth.config.DATABASE_URL,
      "select actor_id, action, meta from audit_log where action like 'login.%' and meta->>'email' in ($1, $2) order by id",
      [email, ghost],
    );
    expect(rows).toEqual([
      {
        actor_id: user.id,
        action: 'login.failed',
        meta: { email, clientAddress: '203.0.113.7', reason: 'WRONG_PASSWORD' },
      },
      { actor_id: null, action: 'login.failed', meta: { email: ghost, clientAddress: '', reason: 'UNKNOWN_EMAIL' } },
      {
        actor_id: user.id,
        action: 'login.succeeded',
        meta: { email, clientAddress: '203.0.113.7', familyId: expect.any(String) },
      },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Wrong-Password|Correct-Horse/);
  });

  it('when the email, password or client address is absurdly long, then it is INVALID_ARGUMENT without hashing anything', async () => {
    await expect(auth.call('logIn', { email: newEmail(), password: 'x'.repeat(10_000) })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      auth.call('logIn', { email: `${'a'.repeat(300)}@example.com`, password: GOOD_PASSWORD }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      auth.call('logIn', { email: newEmail(), password: GOOD_PASSWORD, clientAddress: '1'.repeat(101) }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
