import Redis from 'ioredis';
import type { Logger } from '@ticketing/logger';

/**
 * Connects once at boot and fails with a message naming REDIS_URL. Commands fail fast while
 * disconnected rather than queueing, so a Redis outage becomes an error, never a hang.
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  let booted = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Once up, a lost connection is retried in the background (ioredis' own backoff); a failed boot
    // is final, so the client ends with nothing left behind (no reconnect timer, no socket).
    retryStrategy: (attempt) => (booted ? Math.min(attempt * 50, 2000) : null),
  });
  // ioredis keeps reconnecting on its own; each failure is worth one line, not an unhandled event.
  redis.on('error', (error: Error) => logger.warn({ component: 'redis', err: error }, 'redis connection error'));
  try {
    await redis.connect();
    booted = true;
  } catch (error) {
    // A refused connect has already ended the client; disconnect() would then only arm ioredis'
    // 2 s timer for a socket that is gone, keeping the process alive for nothing.
    if (redis.status !== 'end') redis.disconnect();
    const where = new URL(url);
    throw new Error(
      `REDIS_URL: cannot connect to ${where.hostname}:${where.port || 6379} (${(error as Error).message})`,
      { cause: error },
    );
  }
  return redis;
}
