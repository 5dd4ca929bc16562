import Redis from 'ioredis';

/** Connects and pings once, so a wrong REDIS_URL stops the boot instead of failing the first caller. */
export async function connectRedis(url: string, keyPrefix: string): Promise<Redis> {
  const redis = new Redis(url, { keyPrefix, lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`REDIS_URL: cannot connect to ${new URL(url).host} (${(error as Error).message})`, {
      cause: error,
    });
  }
  return redis;
}
