import { GOOD_PASSWORD, newEmail, startTestAuth, type TestAuth } from './harness';

const WINDOW_SEC = 3;

describe('failed log-in throttling in Redis, through gRPC', () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_throttle', {
      LOGIN_MAX_FAILURES_PER_EMAIL: 3,
      LOGIN_MAX_FAILURES_PER_ADDRESS: 5,
      LOGIN_FAILURE_WINDOW_SEC: WINDOW_SEC,
    });
  });
  afterAll(() => auth.stop());

  const logIn = (email: string, password: string, clientAddress = '') =>
    auth.call('logIn', { email, password, clientAddress });
  const failTimes = async (times: number, email: string, clientAddress = '') => {
    for (let i = 0; i < times; i++)
      await expect(logIn(email, 'Wrong-Password-1', clientAddress)).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
  };
  const registered = async () => {
    const email = newEmail();
    await auth.call('signUp', { email, password: GOOD_PASSWORD });
    return email;
  };

  it('when an email has reached its failure limit, then even the right password is RATE_LIMITED with the seconds left', async () => {
    const email = await registered();
    await failTimes(3, email);
    const error = await logIn(email, GOOD_PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    const { retryAfterSeconds } = (error as { details: { retryAfterSeconds: number } }).details;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SEC);
  });

  it('when the window has passed, then the right password works again', async () => {
    const email = await registered();
    await failTimes(3, email);
    await expect(logIn(email, GOOD_PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SEC * 1000 + 200));
    await expect(logIn(email, GOOD_PASSWORD)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it("when a log-in succeeds, then the email's failure count starts again", async () => {
    const email = await registered();
    await failTimes(2, email);
    await logIn(email, GOOD_PASSWORD);
    await failTimes(3, email);
    await expect(logIn(email, GOOD_PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('when one client address fails for many emails, then that address is RATE_LIMITED for any email, and others are not', async () => {
    const address = '198.51.100.23';
    for (let i = 0; i < 5; i++) await failTimes(1, newEmail('spray'), address);
    const victim = await registered();
    await expect(logIn(victim, GOOD_PASSWORD, address)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(logIn(victim, GOOD_PASSWORD, '198.51.100.24')).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when no client address is given, then only the per-email limit applies', async () => {
    for (let i = 0; i < 6; i++) await failTimes(1, newEmail('anon'));
    await expect(logIn(await registered(), GOOD_PASSWORD)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when many wrong guesses arrive at once, then no more than the limit are checked and the rest are RATE_LIMITED', async () => {
    const email = await registered();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => logIn(email, 'Wrong-Password-1')));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
  });
});
