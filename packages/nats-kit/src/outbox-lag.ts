import type { MikroORM } from '@mikro-orm/postgresql';

export interface OutboxLag {
  /** Rows not yet published. */
  backlog: number;
  /** How long the oldest of them has waited; 0 when none waits. */
  oldestAgeSeconds: number;
}

/**
 * What the relay has yet to publish, in one statement over the partial index of unpublished rows
 * (normally a handful), read when metrics are scraped rather than on every write.
 */
export async function readOutboxLag(orm: MikroORM): Promise<OutboxLag> {
  const [row] = await orm.em
    .fork()
    .getConnection()
    .execute<Array<{ backlog: number; oldest: number }>>(
      `select count(*)::int as backlog,
              coalesce(extract(epoch from clock_timestamp() - min(occurred_at)), 0)::float8 as oldest
         from outbox where published_at is null`,
    );
  return { backlog: row?.backlog ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
}
