import Redis from 'ioredis';
import { deleteRedisKeys } from './redis';
import { TEST_REDIS_URL, uniqueName } from './names';

describe('deleteRedisKeys', () => {
  it('when a prefix is given, then its keys go and other keys stay', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    const mine = `${uniqueName('cleanup')}:`;
    const other = `${uniqueName('keep')}:`;
    try {
      await redis.mset(`${mine}a`, '1', `${mine}b:c`, '2', `${other}a`, '3');
      await expect(deleteRedisKeys(mine)).resolves.toBe(2);
      expect(await redis.exists(`${mine}a`, `${mine}b:c`)).toBe(0);
      expect(await redis.get(`${other}a`)).toBe('3');
    } finally {
      await redis.del(`${other}a`);
      redis.disconnect();
    }
  });

  it('when the prefix is empty, then it refuses instead of emptying Redis', async () => {
    await expect(deleteRedisKeys('')).rejects.toThrow(/prefix/);
  });
});
