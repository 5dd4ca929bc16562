import Redis from 'ioredis';
import { deleteRedisKeys, TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { redisStockStore } from '../redis/stock-store';

describe('stock read model in Redis', () => {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefix = `${uniqueName('catalog_stock')}:`;
  const store = redisStockStore(redis, prefix);
  const counts = (version: number, available: number) => ({
    version,
    total: 10,
    available,
    held: 0,
    sold: 10 - available,
  });

  afterAll(async () => {
    await deleteRedisKeys(prefix);
    await redis.quit();
  });

  it('when nothing was recorded, then the session has no snapshot', async () => {
    expect((await store.get(['s-none'])).size).toBe(0);
  });

  it('when versions arrive out of order, then an older one never overwrites a newer one', async () => {
    expect(await store.record('s-1', counts(3, 4))).toBe(true);
    expect(await store.record('s-1', counts(2, 9))).toBe(false);
    expect(await store.record('s-1', counts(3, 9))).toBe(false);
    expect((await store.get(['s-1'])).get('s-1')).toEqual(counts(3, 4));
    expect(await store.record('s-1', counts(4, 1))).toBe(true);
    expect((await store.get(['s-1'])).get('s-1')).toEqual(counts(4, 1));
  });

  it('when many writers race with different versions, then the highest version wins', async () => {
    const versions = Array.from({ length: 50 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(versions.map((v) => store.record('s-race', counts(v, v % 10))));
    expect((await store.get(['s-race'])).get('s-race')?.version).toBe(50);
  });

  it('when snapshots of several sessions are recorded at once, then each newer one is stored and older ones are not', async () => {
    await store.record('s-many-1', counts(5, 5));
    const stored = await store.recordAll(
      new Map([
        ['s-many-1', counts(4, 9)],
        ['s-many-2', counts(1, 8)],
        ['s-many-3', counts(2, 7)],
      ]),
    );
    expect([...stored].sort()).toEqual(['s-many-2', 's-many-3']);
    const found = await store.get(['s-many-1', 's-many-2', 's-many-3']);
    expect(found.get('s-many-1')).toEqual(counts(5, 5));
    expect(found.get('s-many-2')).toEqual(counts(1, 8));
    expect(found.get('s-many-3')).toEqual(counts(2, 7));
    expect((await store.recordAll(new Map())).size).toBe(0);
  });

  it('when several sessions are read at once, then each gets its own counts and missing ones are absent', async () => {
    await store.record('s-a', counts(1, 7));
    await store.record('s-b', counts(1, 0));
    const found = await store.get(['s-a', 's-missing', 's-b']);
    expect([...found.keys()].sort()).toEqual(['s-a', 's-b']);
    expect(found.get('s-b')?.available).toBe(0);
  });

  it('when a session is forgotten, then its snapshot is gone', async () => {
    await store.record('s-gone', counts(1, 5));
    await store.forget(['s-gone']);
    expect((await store.get(['s-gone'])).size).toBe(0);
  });
});

describe('stock read model when Redis is gone', () => {
  it('when Redis cannot be reached, then reads fail as SERVICE_UNAVAILABLE, never as made-up counts', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    await expect(redisStockStore(down, 'x:').get(['s-1'])).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    // Without retries the failed connect has already ended the client. disconnect() now would only arm
    // ioredis' 2 s timer for closing a socket that is already gone, and keep jest waiting for it.
    expect(down.status).toBe('end');
  });
});
