import Redis from 'ioredis';

/** Connects and pings once, so a wrong REDIS_URL stops the boot instead of failing the first caller. */
export async function connectRedis(url: string, keyPrefix: string): Promise<Redis> {
  let booted = false;
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: 5000,
    // Once up, a lost connection is retried in the background (ioredis' own backoff); a failed boot
    // is final, so the client ends with nothing left behind (no reconnect timer, no socket).
    retryStrategy: (attempt) => (booted ? Math.min(attempt * 50, 2000) : null),
  });
  try {
    await redis.connect();
    await redis.ping();
    booted = true;
  } catch (error) {
    // A refused connect has already ended the client; disconnect() would then only arm ioredis'
    // 2 s timer for a socket that is gone, keeping the process alive for nothing.
    if (redis.status !== 'end') redis.disconnect();
    throw new Error(`REDIS_URL: cannot connect to ${new URL(url).host} (${(error as Error).message})`, {
      cause: error,
    });
  }
  return redis;
}
