import Redis from 'ioredis';
import { TEST_REDIS_URL } from './names';

/**
 * Deletes every key under a test's prefix on the test Redis (SCAN, so a large keyspace is not
 * blocked), and answers how many went. Test prefixes come from uniqueName, so nothing else matches.
 */
export async function deleteRedisKeys(prefix: string, url: string = TEST_REDIS_URL): Promise<number> {
  if (prefix === '') throw new Error('refusing to delete every key: give a prefix');
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
