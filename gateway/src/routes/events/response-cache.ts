/**
 * Keeps a successful answer for a short time, and lets concurrent misses for one key share one
 * upstream call. The public session listing is the hottest read of an on-sale; its counts may lag
 * by up to a second anyway, so a few hundred milliseconds here turn thousands of identical
 * requests a second into a handful of gRPC calls. Keys are bounded so random ids cannot grow it.
 */
export class ResponseCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const entry = { value: load(), expiresAt: now + this.ttlMs };
    this.entries.set(key, entry);
    // Errors are not kept: the next request asks again.
    entry.value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return entry.value;
  }
}
