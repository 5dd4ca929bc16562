import { decodeJwt } from 'jose';
import { queryOnce } from '@ticketing/testing';
import { startAuth } from '../app';
import { bootstrapAdmin } from '../app/bootstrap-admin';
import { cleanUp, GOOD_PASSWORD, silentLogger, startTestAuth, testConfig, type TestAuth } from './harness';

const ADMIN_PASSWORD = 'Admin-Boot-2027';

describe('bootstrap admin at start-up', () => {
  let auth: TestAuth;
  const adminEmail = 'root@example.com';

  beforeAll(async () => {
    auth = await startTestAuth('auth_bootstrap', {
      BOOTSTRAP_ADMIN_EMAIL: ' Root@Example.com ',
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
  });
  afterAll(() => auth.stop());

  const accounts = (email: string) =>
    queryOnce<{ id: string; roles: string[]; password_hash: string }>(
      auth.config.DATABASE_URL,
      'select id, roles, password_hash from app_user where email = $1',
      [email],
    );

  it('when the service boots with a bootstrap admin, then that account logs in with the ADMIN role in its token', async () => {
    const { accessToken } = await auth.call('logIn', { email: adminEmail, password: ADMIN_PASSWORD });
    expect(decodeJwt(accessToken).roles).toEqual(['USER', 'ADMIN']);
    await expect(auth.call('getMe', {}, accessToken)).resolves.toMatchObject({
      user: { email: adminEmail, roles: ['USER', 'ADMIN'] },
    });
  });

  it('when the bootstrap runs again, even on several replicas at once, then there is still one admin account', async () => {
    const deps = auth.app.deps;
    const admin = { email: adminEmail, password: ADMIN_PASSWORD };
    await Promise.all([bootstrapAdmin(deps, admin, silentLogger()), bootstrapAdmin(deps, admin, silentLogger())]);
    expect(await accounts(adminEmail)).toEqual([expect.objectContaining({ roles: ['USER', 'ADMIN'] })]);
  });

  it('when the account already exists as a user, then it gains ADMIN and keeps its own password', async () => {
    const email = 'promoted@example.com';
    await auth.call('signUp', { email, password: GOOD_PASSWORD });
    const [before] = await accounts(email);
    await bootstrapAdmin(auth.app.deps, { email, password: ADMIN_PASSWORD }, silentLogger());
    const [after] = await accounts(email);
    expect(after).toEqual({ ...before, roles: ['USER', 'ADMIN'] });
    await expect(auth.call('logIn', { email, password: GOOD_PASSWORD })).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
    await expect(auth.call('logIn', { email, password: ADMIN_PASSWORD })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('when the admin is created or promoted, then an audit row records it', async () => {
    const rows = await queryOnce<{ action: string; meta: Record<string, unknown> }>(
      auth.config.DATABASE_URL,
      "select action, meta from audit_log where action = 'user.admin_bootstrapped' order by id",
    );
    expect(rows).toEqual([
      { action: 'user.admin_bootstrapped', meta: { email: adminEmail, created: true } },
      { action: 'user.admin_bootstrapped', meta: { email: 'promoted@example.com', created: false } },
    ]);
  });

  it('when the bootstrap password breaks the policy, then boot fails naming BOOTSTRAP_ADMIN_PASSWORD', async () => {
    const config = testConfig('auth_bootstrap_weak', {
      BOOTSTRAP_ADMIN_EMAIL: 'weak@example.com',
      BOOTSTRAP_ADMIN_PASSWORD: 'weakpass',
    });
    try {
      await expect(startAuth(config, silentLogger())).rejects.toThrow(
        /BOOTSTRAP_ADMIN_PASSWORD: password needs an upper-case letter, a digit/,
      );
    } finally {
      await cleanUp(config);
    }
  });
});
