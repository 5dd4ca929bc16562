import { Sql } from '@ticketing/db';
import { HoldRepository } from '../db/hold.repository';
import { IdempotencyRepository } from '../db/idempotency.repository';
import { StockRepository } from '../db/stock.repository';
import type { ReservationDeps } from './deps';
import { returnHolds } from './return-holds';

const SESSIONS_PER_SWEEP = 100;
const HOLDS_PER_TRANSACTION = 500;

/**
 * Expires every ACTIVE hold past its time and returns its stock: per session (in sorted order),
 * lock the stock row, then take its expired holds with SKIP LOCKED. Several sweepers (replicas)
 * may run at once; each hold is expired by exactly one of them. Returns how many it expired.
 */
export async function expireHolds(deps: ReservationDeps, holdsPerTransaction = HOLDS_PER_TRANSACTION): Promise<number> {
  const now = deps.now();
  const sessions = await new HoldRepository(new Sql(deps.orm.em.fork())).sessionsWithExpired(now, SESSIONS_PER_SWEEP);
  let expired = 0;
  for (const sessionId of sessions) {
    for (;;) {
      const done = await deps.orm.em.fork().transactional(async (em) => {
        const sql = new Sql(em);
        const stock = await new StockRepository(sql).lock(sessionId);
        if (!stock) return 0;
        const holds = await new HoldRepository(sql).lockExpired(sessionId, now, holdsPerTransaction);
        await returnHolds(sql, stock, holds, 'EXPIRED', null, now);
        return holds.length;
      });
      expired += done;
      deps.counters.holdsExpired(done);
      if (done < holdsPerTransaction) break;
    }
  }
  if (expired > 0) deps.wakeOutboxRelay();
  return expired;
}

export async function forgetOldIdempotencyKeys(deps: ReservationDeps, ttlHours: number): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - ttlHours * 3_600_000);
  return new IdempotencyRepository(new Sql(deps.orm.em.fork())).deleteOlderThan(cutoff);
}

export interface Sweeper {
  /** One pass now: expire holds, forget idempotency keys past retention. */
  sweep(): Promise<{ expired: number; keysForgotten: number }>;
  stop(): Promise<void>;
}

/**
 * Sweeps once before resolving (so after a crash nothing stays held past its time once the
 * service is back), then every `intervalMs`. A failed pass is logged and the next one retries.
 */
export async function startSweeper(
  deps: ReservationDeps,
  options: { intervalMs: number; idempotencyTtlHours: number },
): Promise<Sweeper> {
  const logger = deps.logger.child({ component: 'sweeper' });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const sweep = async () => {
    const expired = await expireHolds(deps);
    const keysForgotten = await forgetOldIdempotencyKeys(deps, options.idempotencyTtlHours);
    if (expired > 0 || keysForgotten > 0) logger.info({ expired, keysForgotten }, 'sweep');
    return { expired, keysForgotten };
  };
  const tick = () => {
    running = sweep()
      .catch((error: unknown) => logger.warn({ err: error }, 'sweep failed; the next one retries'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };

  await sweep();
  timer = setTimeout(tick, options.intervalMs);
  return {
    sweep,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
