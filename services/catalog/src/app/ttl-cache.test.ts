import { TtlCache } from './ttl-cache';

describe('ttl cache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  it('when a key is read twice within the TTL, then it is loaded once', async () => {
    const cache = new TtlCache<number>(500, 10, clock);
    const load = jest.fn(async () => 42);
    expect(await cache.get('k', load)).toBe(42);
    now += 499;
    expect(await cache.get('k', load)).toBe(42);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('when the TTL has passed, then the next read loads again', async () => {
    const cache = new TtlCache<number>(500, 10, clock);
    const load = jest.fn(async () => now);
    await cache.get('k', load);
    now += 500;
    expect(await cache.get('k', load)).toBe(1_500);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('when many reads of a missing key arrive at once, then they share one load', async () => {
    const cache = new TtlCache<number>(500, 10, clock);
    let release!: (v: number) => void;
    const load = jest.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const reads = Array.from({ length: 100 }, () => cache.get('k', load));
    release(7);
    expect(await Promise.all(reads)).toEqual(Array(100).fill(7));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('when a load fails, then the failure is not kept', async () => {
    const cache = new TtlCache<number>(500, 10, clock);
    await expect(cache.get('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 1)).toBe(1);
  });

  it('when more keys than the bound are read, then the oldest are dropped', async () => {
    const cache = new TtlCache<number>(10_000, 2, clock);
    const load = jest.fn(async () => 1);
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('when a key is deleted or the TTL is 0, then the next read loads', async () => {
    const cache = new TtlCache<number>(500, 10, clock);
    const load = jest.fn(async () => 1);
    await cache.get('k', load);
    cache.delete('k');
    await cache.get('k', load);
    const uncached = new TtlCache<number>(0, 10, clock);
    await uncached.get('k', load);
    await uncached.get('k', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
