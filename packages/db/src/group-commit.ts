import { AppError } from '@ticketing/errors';

interface Waiting<Req, Res> {
  request: Req;
  resolve(result: Res): void;
  reject(error: unknown): void;
}

interface Lane<Req, Res> {
  queue: Array<Waiting<Req, Res>>;
  running: Promise<void> | null;
}

/**
 * Group commit per key (a session): when no transaction for the key is running, a request starts
 * one at once; requests arriving meanwhile queue, and the next transaction takes them all (up to
 * `maxBatch`) in arrival order. One hot row is then locked once per batch instead of once per
 * request, and an idle session answers without any added wait.
 *
 * `apply` answers each request of a batch in order. If it throws, the whole batch failed (its
 * transaction rolled back): every request of it gets INTERNAL and the next batch runs as usual.
 */
export class GroupCommit<Req, Res> {
  private readonly lanes = new Map<string, Lane<Req, Res>>();
  private counts = { batches: 0, requests: 0, largest: 0 };

  constructor(
    private readonly apply: (key: string, batch: Req[]) => Promise<Res[]>,
    private readonly maxBatch: number,
    private readonly onFailure: (error: unknown, key: string, batch: Req[]) => void = () => undefined,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error(`maxBatch must be 1 or more, got ${maxBatch}`);
  }

  submit(key: string, request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = { queue: [], running: null }));
      lane.queue.push({ request, resolve, reject });
      if (!lane.running) lane.running = this.drain(key, lane);
    });
  }

  /** Resolves when nothing is queued or running: what a shutdown waits for before closing the pool. */
  async idle(): Promise<void> {
    while (this.lanes.size > 0) {
      await Promise.all([...this.lanes.values()].map((lane) => lane.running ?? Promise.resolve()));
    }
  }

  stats(): { batches: number; requests: number; largest: number } {
    return { ...this.counts };
  }

  private async drain(key: string, lane: Lane<Req, Res>): Promise<void> {
    while (lane.queue.length > 0) {
      const batch = lane.queue.splice(0, this.maxBatch);
      this.counts.batches += 1;
      this.counts.requests += batch.length;
      this.counts.largest = Math.max(this.counts.largest, batch.length);
      const requests = batch.map((w) => w.request);
      try {
        const results = await this.apply(key, requests);
        if (results.length !== batch.length)
          throw new Error(`a batch of ${batch.length} got ${results.length} answers`);
        batch.forEach((waiting, i) => waiting.resolve(results[i]!));
      } catch (error) {
        this.onFailure(error, key, requests);
        for (const waiting of batch) waiting.reject(new AppError('INTERNAL'));
      }
    }
    this.lanes.delete(key);
  }
}
