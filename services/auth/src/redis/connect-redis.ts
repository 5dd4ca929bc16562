import Redis from 'ioredis';
import type { Logger } from '@ticketing/logger';

/**
 * Connects once at boot and fails with a message naming REDIS_URL. Commands fail fast while
 * disconnected rather than queueing, so a Redis outage becomes an error, never a hang.
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  // ioredis keeps reconnecting on its own; each failure is worth one line, not an unhandled event.
  redis.on('error', (error: Error) => logger.warn({ component: 'redis', err: error }, 'redis connection error'));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const where = new URL(url);
    throw new Error(
      `REDIS_URL: cannot connect to ${where.hostname}:${where.port || 6379} (${(error as Error).message})`,
      { cause: error },
    );
  }
  return redis;
}
