import { Sql } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { isUuid } from '../domain/hold-rules';
import { releaseRefusal } from '../domain/hold-transitions';
import { HoldRepository } from '../db/hold.repository';
import { StockRepository } from '../db/stock.repository';
import type { ReservationDeps } from './deps';
import { returnHolds } from './return-holds';

const notFound = () => new AppError('NOT_FOUND', 'hold not found');

/** The caller gives back their own ACTIVE hold; its tickets go back on sale at once. */
export async function releaseHold(deps: ReservationDeps, callerId: string, holdId: string): Promise<void> {
  if (!isUuid(holdId)) throw notFound();
  const now = deps.now();
  await deps.orm.em.fork().transactional(async (em) => {
    const sql = new Sql(em);
    const holds = new HoldRepository(sql);
    // Read without a lock only to learn the session: the stock row must be locked before the hold.
    const seen = await holds.findById(holdId);
    if (!seen || seen.userId !== callerId) throw notFound();
    const stock = (await new StockRepository(sql).lock(seen.sessionId))!;
    const hold = await holds.lockById(holdId);
    const refusal = releaseRefusal(hold, callerId, now);
    if (refusal) throw new AppError(refusal.code, refusal.message, refusal.details);
    await returnHolds(sql, stock, [hold!], 'RELEASED', callerId, now);
  });
  deps.wakeOutboxRelay();
}
