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

export interface GroupCommitOptions<Req> {
  /** At most this many requests per batch. */
  maxBatch: number;
  /** Told when a whole batch failed (for the log). */
  onFailure?: (error: unknown, key: string, batch: Req[]) => void;
  /**
   * What each request of a failed batch is rejected with. By default INTERNAL: a transaction's
   * error says nothing the caller should see. A batch that is a call to another service passes
   * that service's error on (unavailable, timed out).
   */
  failureFor?: (error: unknown) => unknown;
}

/**
 * Group commit per key (a session, a lane): when no batch for the key is running, a request starts
 * one at once; requests arriving meanwhile queue, and the next batch takes them all (up to
 * `maxBatch`) in arrival order. One hot row is then locked once per batch instead of once per
 * request (or one call carries many requests), and an idle key answers without any added wait.
 *
 * `apply` answers each request of a batch in order. If it throws, the whole batch failed (its
 * transaction rolled back, or its call failed): every request of it is rejected (see
 * `failureFor`) and the next batch runs as usual.
 */
export class GroupCommit<Req, Res> {
  private readonly lanes = new Map<string, Lane<Req, Res>>();
  private counts = { batches: 0, requests: 0, largest: 0 };

  private readonly maxBatch: number;

  constructor(
    private readonly apply: (key: string, batch: Req[]) => Promise<Res[]>,
    private readonly options: GroupCommitOptions<Req>,
  ) {
    this.maxBatch = options.maxBatch;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1)
      throw new Error(`maxBatch must be 1 or more, got ${this.maxBatch}`);
  }

  submit(key: string, request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = { queue: [], running: null }));
      lane.queue.push({ request, resolve, reject });
      // Started a microtask later, so requests submitted in the same synchronous run (the items of
      // one incoming batch) share the first batch instead of the first going alone.
      if (!lane.running) lane.running = Promise.resolve().then(() => this.drain(key, lane));
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
        this.options.onFailure?.(error, key, requests);
        const failure = this.options.failureFor?.(error) ?? new AppError('INTERNAL');
        for (const waiting of batch) waiting.reject(failure);
      }
    }
    this.lanes.delete(key);
  }
}
