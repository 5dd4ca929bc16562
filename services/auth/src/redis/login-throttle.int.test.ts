import Redis from 'ioredis';
import { deleteRedisKeys, TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { LoginThrottle } from './login-throttle';

describe('login throttle counters in Redis', () => {
  const prefix = `${uniqueName('auth_throttle_unit')}:`;
  const limits = { maxFailuresPerEmail: 2, maxFailuresPerAddress: 10, windowSec: 60 };
  let first: Redis;
  let second: Redis;

  beforeAll(() => {
    first = new Redis(TEST_REDIS_URL);
    second = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await deleteRedisKeys(prefix);
    first.disconnect();
    second.disconnect();
  });

  it('when two replicas count failures for one email, then they share the count', async () => {
    const replicaA = new LoginThrottle(first, prefix, limits);
    const replicaB = new LoginThrottle(second, prefix, limits);
    await expect(replicaA.attempt('shared@example.com', '')).resolves.toEqual({ allowed: true });
    await expect(replicaB.attempt('shared@example.com', '')).resolves.toEqual({ allowed: true });
    await expect(replicaA.attempt('shared@example.com', '')).resolves.toEqual({
      allowed: false,
      retryAfterSeconds: expect.any(Number),
    });
  });

  it('when failures are counted, then the keys live under the prefix, expire with the window and do not contain the email', async () => {
    const throttle = new LoginThrottle(first, prefix, limits);
    await throttle.attempt('private@example.com', '192.0.2.1');
    const keys = await first.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.join(' ')).not.toContain('private@example.com');
    for (const key of keys) {
      const ttl = await first.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
    }
  });

  it('when a log-in succeeds, then the email count is cleared and the address is not charged for it', async () => {
    const throttle = new LoginThrottle(first, prefix, { ...limits, maxFailuresPerAddress: 1 });
    await throttle.attempt('ok@example.com', '192.0.2.9');
    await throttle.succeeded('ok@example.com', '192.0.2.9');
    await expect(throttle.attempt('ok@example.com', '192.0.2.9')).resolves.toEqual({ allowed: true });
  });
});
