import { queryOnce } from '@ticketing/testing';
import { GOOD_PASSWORD, newEmail, startTestAuth, type TestAuth } from './harness';

describe('auth SignUp through gRPC against a real database', () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_signup');
  });
  afterAll(() => auth.stop());

  const userRows = (email: string) =>
    queryOnce<Record<string, unknown>>(auth.config.DATABASE_URL, 'select * from app_user where email = $1', [email]);

  it('when a new address signs up, then the user comes back normalised with role USER and a creation time', async () => {
    const email = newEmail('New');
    const { user } = await auth.call('signUp', { email: `  ${email.toUpperCase()} `, password: GOOD_PASSWORD });
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: email.toLowerCase(),
      roles: ['USER'],
      createdAt: expect.any(String),
    });
    expect(Math.abs(Date.parse(user.createdAt) - Date.now())).toBeLessThan(60_000);
  });

  it('when the same address signs up again in another case, then it is EMAIL_TAKEN', async () => {
    const email = newEmail();
    await auth.call('signUp', { email, password: GOOD_PASSWORD });
    await expect(auth.call('signUp', { email: email.toUpperCase(), password: GOOD_PASSWORD })).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
    });
  });

  it('when two sign-ups of one address race, then exactly one succeeds and the other is EMAIL_TAKEN', async () => {
    const email = newEmail('race');
    const results = await Promise.allSettled([
      auth.call('signUp', { email, password: GOOD_PASSWORD }),
      auth.call('signUp', { email: email.toUpperCase(), password: GOOD_PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'EMAIL_TAKEN' } });
    expect(await userRows(email)).toHaveLength(1);
  });

  it.each([
    ['not an address', 'ann.example.com'],
    ['empty', '   '],
    ['longer than 254 characters', `${'a'.repeat(243)}@example.com`],
  ])('when the email is %s, then it is INVALID_ARGUMENT and nothing is stored', async (_label, email) => {
    await expect(auth.call('signUp', { email, password: GOOD_PASSWORD })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await userRows(email.trim().toLowerCase())).toHaveLength(0);
  });

  it('when the password is weak, then it is WEAK_PASSWORD saying what is missing, with the reasons in details', async () => {
    const email = newEmail();
    const error = await auth.call('signUp', { email, password: 'abcdefgh' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'WEAK_PASSWORD',
      message: 'password needs an upper-case letter, a digit',
      details: { reasons: ['NO_UPPERCASE', 'NO_DIGIT'] },
    });
    expect(await userRows(email)).toHaveLength(0);
  });

  it('when a password is longer than 128 characters, then it is WEAK_PASSWORD with TOO_LONG', async () => {
    await expect(auth.call('signUp', { email: newEmail(), password: `Aa1${'x'.repeat(200)}` })).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
      details: { reasons: ['TOO_LONG'] },
    });
  });

  it('when a user signs up, then only an argon2id hash (19 MiB, t=2, p=1) is stored and the plain password is nowhere in the row', async () => {
    const email = newEmail();
    const password = 'Plain-Text-Canary-42';
    await auth.call('signUp', { email, password });
    const [row] = await userRows(email);
    const hash = String(row!.password_hash);
    // The argon2 binding writes the parameters as m,p,t; their order is not what matters, their values are.
    const match = /^\$argon2id\$v=19\$([^$]+)\$[^$]+\$[^$]+$/.exec(hash);
    expect(match).not.toBeNull();
    expect(Object.fromEntries(match![1]!.split(',').map((pair) => pair.split('=')))).toEqual({
      m: '19456',
      t: '2',
      p: '1',
    });
    expect(JSON.stringify(row)).not.toContain(password);
  });

  it('when a user signs up, then an audit row records it with the normalised email and no password', async () => {
    const email = newEmail();
    const { user } = await auth.call('signUp', { email: email.toUpperCase(), password: GOOD_PASSWORD });
    const rows = await queryOnce<{
      actor_id: string;
      target_type: string;
      target_id: string;
      meta: Record<string, unknown>;
    }>(auth.config.DATABASE_URL, "select * from audit_log where action = 'user.signed_up' and target_id = $1", [
      user.id,
    ]);
    expect(rows).toEqual([expect.objectContaining({ actor_id: user.id, target_type: 'user', meta: { email } })]);
    expect(JSON.stringify(rows)).not.toContain(GOOD_PASSWORD);
  });
});
