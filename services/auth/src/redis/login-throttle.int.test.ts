import Redis from 'ioredis';
import { deleteRedisKeys, TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { LoginThrottle, type ThrottlePolicy } from './login-throttle';

describe('login throttle counters in Redis', () => {
  const prefix = `${uniqueName('auth_throttle_unit')}:`;
  const policy: ThrottlePolicy = {
    pair: { freeFailures: 2, maxDelayMs: 8000 },
    email: { freeFailures: 10, maxDelayMs: 4000 },
    address: { freeFailures: 10, maxDelayMs: 8000 },
    firstDelayMs: 1000,
    windowMs: 60_000,
  };
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

  it('when two replicas count failures for one email and address, then they share the count', async () => {
    const replicaA = new LoginThrottle(first, prefix, policy);
    const replicaB = new LoginThrottle(second, prefix, policy);
    await expect(replicaA.attempt('shared@example.com', '192.0.2.1')).resolves.toMatchObject({ allowed: true });
    await expect(replicaB.attempt('shared@example.com', '192.0.2.1')).resolves.toMatchObject({ allowed: true });
    await expect(replicaA.attempt('shared@example.com', '192.0.2.1')).resolves.toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });

  it('when failures are counted, then the keys are under the prefix, expire and hold no email or address', async () => {
    const throttle = new LoginThrottle(first, prefix, policy);
    await throttle.attempt('private@example.com', '192.0.2.77');
    const keys = await first.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.join(' ')).not.toMatch(/private@example\.com|192\.0\.2\.77/);
    for (const key of keys) {
      const ttl = await first.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(policy.windowMs + policy.pair.maxDelayMs);
    }
  });

  it('when log-ins succeed, then the pair is cleared and the email and address get their charge back', async () => {
    const tight = { freeFailures: 2, maxDelayMs: 8000 };
    const throttle = new LoginThrottle(first, prefix, { ...policy, pair: tight, email: tight, address: tight });
    for (let i = 0; i < 4; i++) {
      const gate = await throttle.attempt('ok@example.com', '192.0.2.9');
      expect(gate).toMatchObject({ allowed: true });
      if (gate.allowed) await throttle.succeeded('ok@example.com', '192.0.2.9', gate.ticket);
    }
  });

  it('when the attempt that used up the per-email allowance succeeds, then the wait it set is lifted', async () => {
    const throttle = new LoginThrottle(first, prefix, { ...policy, email: { freeFailures: 1, maxDelayMs: 4000 } });
    const gate = await throttle.attempt('lifted@example.com', '192.0.2.10');
    await expect(throttle.attempt('lifted@example.com', '192.0.2.11')).resolves.toMatchObject({ allowed: false });
    if (gate.allowed) await throttle.succeeded('lifted@example.com', '192.0.2.10', gate.ticket);
    await expect(throttle.attempt('lifted@example.com', '192.0.2.11')).resolves.toMatchObject({ allowed: true });
  });
});
