import { once } from 'node:events';
import { deleteRedisKeys } from '@ticketing/testing';
import { GOOD_PASSWORD, newEmail, startTestAuth, type TestAuth } from './harness';

const WRONG = 'Wrong-Password-1';

describe('failed log-in throttling in Redis, through gRPC', () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_throttle', {
      LOGIN_FREE_FAILURES_PER_PAIR: 3,
      LOGIN_FREE_FAILURES_PER_EMAIL: 6,
      LOGIN_FREE_FAILURES_PER_ADDRESS: 5,
      LOGIN_FIRST_DELAY_SEC: 2,
      LOGIN_MAX_DELAY_SEC: 8,
      LOGIN_MAX_DELAY_PER_EMAIL_SEC: 4,
      LOGIN_FAILURE_WINDOW_SEC: 60,
    });
  });
  afterAll(() => auth.stop());

  let addresses = 0;
  const newAddress = () => `2001:db8::${(++addresses).toString(16)}`;
  const logIn = (email: string, password: string, clientAddress = '') =>
    auth.call('logIn', { email, password, clientAddress });
  const failTimes = async (times: number, email: string, clientAddress = '') => {
    for (let i = 0; i < times; i++)
      await expect(logIn(email, WRONG, clientAddress)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  };
  const retryAfter = async (email: string, clientAddress = '') => {
    const error = await logIn(email, WRONG, clientAddress).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    return (error as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
  };
  // Stands for time passing: a wait is a key that expires, and the failure counts stay as they are.
  const letDelaysRunOut = () => deleteRedisKeys(`${auth.config.REDIS_KEY_PREFIX}login-wait:`);
  const registered = async () => {
    const email = newEmail();
    await auth.call('signUp', { email, password: GOOD_PASSWORD });
    return email;
  };

  it('when an email and address used their free failures, then even the right password is RATE_LIMITED', async () => {
    const email = await registered();
    const address = newAddress();
    await failTimes(3, email, address);
    await expect(logIn(email, GOOD_PASSWORD, address)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 2 },
    });
  });

  it('when an attacker from one address fails many times for an email, then the owner logging in from another address still gets in', async () => {
    const email = await registered();
    const attacker = newAddress();
    await failTimes(3, email, attacker);
    for (let i = 0; i < 10; i++) await retryAfter(email, attacker);
    await expect(logIn(email, GOOD_PASSWORD, newAddress())).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when a throttled attempt arrives, then it is refused and not counted', async () => {
    const email = newEmail('hammered');
    const address = newAddress();
    await failTimes(3, email, address);
    for (let i = 0; i < 5; i++) expect(await retryAfter(email, address)).toBe(2);
    await letDelaysRunOut();
    await failTimes(1, email, address);
    expect(await retryAfter(email, address)).toBe(4);
  });

  it('when failures continue, then the delay grows, up to the cap', async () => {
    const email = newEmail('persistent');
    await failTimes(3, email);
    const delays = [await retryAfter(email)];
    for (let i = 0; i < 3; i++) {
      await letDelaysRunOut();
      await failTimes(1, email);
      delays.push(await retryAfter(email));
    }
    expect(delays).toEqual([2, 4, 8, 8]);
  });

  it('when a guesser spreads failures over many addresses, then it is slowed down all the same', async () => {
    const email = await registered();
    for (let i = 0; i < 6; i++) await failTimes(1, email, newAddress());
    await expect(logIn(email, GOOD_PASSWORD, newAddress())).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 2 },
    });
    const delays: number[] = [];
    for (let i = 0; i < 2; i++) {
      await letDelaysRunOut();
      await failTimes(1, email, newAddress());
      delays.push(await retryAfter(email, newAddress()));
    }
    // Slowed, not locked: the owner shares this counter, so its delay stays short.
    expect(delays).toEqual([4, 4]);
    await letDelaysRunOut();
    await expect(logIn(email, GOOD_PASSWORD, newAddress())).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when the delay has passed, then the right password works again', async () => {
    const email = await registered();
    const address = newAddress();
    await failTimes(3, email, address);
    await expect(logIn(email, GOOD_PASSWORD, address)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await expect(logIn(email, GOOD_PASSWORD, address)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it("when a log-in succeeds, then that address's failures for the email start again", async () => {
    const email = await registered();
    const address = newAddress();
    await failTimes(2, email, address);
    await logIn(email, GOOD_PASSWORD, address);
    await failTimes(2, email, address);
    await expect(logIn(email, GOOD_PASSWORD, address)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when one address fails for many emails, then it is RATE_LIMITED for any email, others are not', async () => {
    const [address, victim] = [newAddress(), await registered()];
    for (let i = 0; i < 5; i++) await failTimes(1, newEmail('spray'), address);
    await expect(logIn(victim, GOOD_PASSWORD, address)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(logIn(victim, GOOD_PASSWORD, newAddress())).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when no client address is given, then no address counter is charged', async () => {
    for (let i = 0; i < 6; i++) await failTimes(1, newEmail('anon'));
    await expect(logIn(await registered(), GOOD_PASSWORD)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when many wrong guesses arrive at once, then only the free failures are checked, the rest wait', async () => {
    const email = await registered();
    const address = newAddress();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => logIn(email, WRONG, address)));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('when guesses from many addresses arrive at once, then only the per-email free failures are checked', async () => {
    const email = await registered();
    const guesses = Array.from({ length: 10 }, () => logIn(email, WRONG, newAddress()));
    const results = await Promise.allSettled(guesses);
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(6);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(4);
  });

  it('when Redis cannot be reached, then log-in fails closed with SERVICE_UNAVAILABLE', async () => {
    const email = await registered();
    const closed = once(auth.app.redis, 'end');
    auth.app.redis.disconnect();
    await closed;
    try {
      await expect(logIn(email, GOOD_PASSWORD, newAddress())).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await auth.app.redis.connect();
    }
  });
});
