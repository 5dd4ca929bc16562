import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { queryOnce } from '@ticketing/testing';
import { signUpAndLogIn, startTestAuth, type TestAuth } from './harness';

describe('refresh-token rotation and log-out through gRPC', () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_refresh');
  });
  afterAll(() => auth.stop());

  const refresh = (refreshToken: string) => auth.call('refresh', { refreshToken, clientAddress: '192.0.2.50' });
  const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

  it('when a refresh token is presented, then a new access and refresh pair comes back for the same user', async () => {
    const session = await signUpAndLogIn(auth);
    const next = await refresh(session.refreshToken);
    expect(next).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(decodeJwt(next.accessToken)).toMatchObject({ sub: session.user.id, roles: ['USER'], email: session.email });
    await expect(refresh(next.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when a refresh token is issued, then only its SHA-256 is stored', async () => {
    const session = await signUpAndLogIn(auth);
    const rows = await queryOnce<Record<string, unknown>>(
      auth.config.DATABASE_URL,
      'select * from refresh_token where token_hash = $1',
      [sha256(session.refreshToken)],
    );
    expect(rows).toHaveLength(1);
    const everything = await queryOnce(
      auth.config.DATABASE_URL,
      'select t.*, f.* from refresh_token t join refresh_family f on f.id = t.family_id',
    );
    expect(JSON.stringify(everything)).not.toContain(session.refreshToken);
  });

  it('when an already used refresh token comes back, then it is TOKEN_INVALID and the whole family, newest token included, is revoked', async () => {
    const session = await signUpAndLogIn(auth);
    const second = await refresh(session.refreshToken);
    const third = await refresh(second.refreshToken);
    await expect(refresh(session.refreshToken)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(refresh(third.refreshToken)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    const live = await queryOnce(
      auth.config.DATABASE_URL,
      'select t.id from refresh_token t where t.family_id = (select family_id from refresh_token where token_hash = $1) and t.revoked_at is null',
      [sha256(session.refreshToken)],
    );
    expect(live).toEqual([]);
  });

  it('when reuse is detected, then an audit row records the revoked family with the user as actor', async () => {
    const session = await signUpAndLogIn(auth);
    await refresh(session.refreshToken);
    await refresh(session.refreshToken).catch(() => undefined);
    const [token] = await queryOnce<{ family_id: string }>(
      auth.config.DATABASE_URL,
      'select family_id from refresh_token where token_hash = $1',
      [sha256(session.refreshToken)],
    );
    const rows = await queryOnce<{ actor_id: string; target_type: string; meta: Record<string, unknown> }>(
      auth.config.DATABASE_URL,
      "select actor_id, target_type, meta from audit_log where action = 'refresh.reuse_detected' and target_id = $1",
      [token!.family_id],
    );
    expect(rows).toEqual([
      {
        actor_id: session.user.id,
        target_type: 'refresh_family',
        meta: { clientAddress: '192.0.2.50', revokedTokens: 2 },
      },
    ]);
  });

  it('when two refreshes race with the same token, then at most one succeeds', async () => {
    const session = await signUpAndLogIn(auth);
    const results = await Promise.allSettled([
      refresh(session.refreshToken),
      refresh(session.refreshToken),
      refresh(session.refreshToken),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('when a refresh token has expired, then it is TOKEN_INVALID', async () => {
    const session = await signUpAndLogIn(auth);
    await queryOnce(
      auth.config.DATABASE_URL,
      "update refresh_token set expires_at = now() - interval '1 second' where token_hash = $1",
      [sha256(session.refreshToken)],
    );
    await expect(refresh(session.refreshToken)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('when a refresh token is unknown or empty, then it is TOKEN_INVALID', async () => {
    await expect(refresh('x'.repeat(43))).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(refresh('')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('when issuing the new pair fails half-way, then nothing is burned and the same token works afterwards', async () => {
    const session = await signUpAndLogIn(auth);
    const [active] = await queryOnce<{ kid: string }>(
      auth.config.DATABASE_URL,
      'select kid from signing_key where active',
    );
    await queryOnce(auth.config.DATABASE_URL, 'update signing_key set active = false where kid = $1', [active!.kid]);
    try {
      await expect(refresh(session.refreshToken)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await queryOnce(auth.config.DATABASE_URL, 'update signing_key set active = true where kid = $1', [active!.kid]);
    }
    await expect(refresh(session.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when the user logs out, then every refresh token of that session is refused', async () => {
    const session = await signUpAndLogIn(auth);
    const next = await refresh(session.refreshToken);
    await expect(auth.call('logOut', { refreshToken: next.refreshToken })).resolves.toEqual({});
    await expect(refresh(next.refreshToken)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('when a user logs out of one session, then another session of the same user keeps working', async () => {
    const first = await signUpAndLogIn(auth);
    const second = await auth.call('logIn', { email: first.email, password: 'Correct-Horse-7' });
    await auth.call('logOut', { refreshToken: first.refreshToken });
    await expect(refresh(second.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when log-out is repeated or the token is unknown, then it still answers OK', async () => {
    const session = await signUpAndLogIn(auth);
    await auth.call('logOut', { refreshToken: session.refreshToken });
    await expect(auth.call('logOut', { refreshToken: session.refreshToken })).resolves.toEqual({});
    await expect(auth.call('logOut', { refreshToken: 'never-issued' })).resolves.toEqual({});
    await expect(auth.call('logOut', { refreshToken: '' })).resolves.toEqual({});
  });

  it('when a user logs out, then an audit row records it once', async () => {
    const session = await signUpAndLogIn(auth);
    await auth.call('logOut', { refreshToken: session.refreshToken });
    await auth.call('logOut', { refreshToken: session.refreshToken });
    const rows = await queryOnce(
      auth.config.DATABASE_URL,
      "select actor_id from audit_log where action = 'session.logged_out' and actor_id = $1",
      [session.user.id],
    );
    expect(rows).toHaveLength(1);
  });
});
