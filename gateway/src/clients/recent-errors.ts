import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { AppError } from '@ticketing/errors';

/** One failed request as an operator reads it: never headers, bodies or query strings. */
export interface FailedRequest {
  id: string;
  at: string;
  method: string;
  /** The route's pattern (`/api/reservations/hold/:holdId`), null when no route matched. */
  route: string | null;
  /** The path without its query string, cut to MAX_PATH characters. */
  path: string;
  status: number;
  code: string | null;
  traceId: string | null;
  userId: string | null;
}

/** How many the shared list keeps: enough for the last minutes of an incident, small enough to scan. */
export const KEPT = 1000;
export const MAX_PATH = 200;
const SCAN_CHUNK = 200;

export interface ErrorsPosition {
  id: string;
  /** Where the entry was when the page was read; pushes since then only move it further down. */
  pos: number;
}

/**
 * The recent failures of every gateway replica, newest first, in one capped Redis list. Entries
 * keep their relative order for as long as they are kept (pushed at the head, trimmed at the
 * tail), so a cursor is the last entry seen: the next page is what follows it, wherever it is now.
 */
export class RecentErrors {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** Fire-and-forget: the caller has already answered, and a lost entry is better than a slow error path. */
  record(entry: Omit<FailedRequest, 'id'>, onError: (error: unknown) => void): void {
    // The id first, so an entry can be found by its text's prefix without parsing the list.
    const text = JSON.stringify({ id: randomBytes(9).toString('base64url'), ...entry });
    this.redis
      .pipeline()
      .lpush(this.key, text)
      .ltrim(this.key, 0, KEPT - 1)
      .exec()
      .then(undefined, onError);
  }

  /** Redis unreachable: 503 SERVICE_UNAVAILABLE, as for any store the gateway depends on, not a 500. */
  async page(
    limit: number,
    after: ErrorsPosition | null,
  ): Promise<{ items: FailedRequest[]; last: ErrorsPosition | null }> {
    try {
      return await this.readPage(limit, after);
    } catch (error) {
      throw new AppError('SERVICE_UNAVAILABLE', `recent errors are unavailable: ${(error as Error).message}`);
    }
  }

  private async readPage(
    limit: number,
    after: ErrorsPosition | null,
  ): Promise<{ items: FailedRequest[]; last: ErrorsPosition | null }> {
    const start = after ? await this.positionAfter(after) : 0;
    if (start < 0) return { items: [], last: null };
    const raw = await this.redis.lrange(this.key, start, start + limit);
    const items = raw.slice(0, limit).map((text) => JSON.parse(text) as FailedRequest);
    const lastItem = items.at(-1);
    return { items, last: raw.length > limit && lastItem ? { id: lastItem.id, pos: start + limit - 1 } : null };
  }

  /** Just after the cursor's entry, or -1 once it has been trimmed (and everything older with it). */
  private async positionAfter(after: ErrorsPosition): Promise<number> {
    const prefix = `{"id":${JSON.stringify(after.id)},`;
    for (let from = after.pos; ; from += SCAN_CHUNK) {
      const chunk = await this.redis.lrange(this.key, from, from + SCAN_CHUNK - 1);
      const found = chunk.findIndex((text) => text.startsWith(prefix));
      if (found >= 0) return from + found + 1;
      if (chunk.length < SCAN_CHUNK) return -1;
    }
  }
}
