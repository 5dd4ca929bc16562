import { Sql } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { isUuid } from '../domain/hold-rules';
import { saleDecision } from '../domain/hold-transitions';
import { HoldRepository } from '../db/hold.repository';
import { StockRepository } from '../db/stock.repository';
import type { ReservationDeps } from './deps';
import { sellHold } from './sell-hold';

/**
 * ACTIVE -> SOLD with its tickets, for a hold whose time has not run out. Payment's events go
 * through `applyPaymentEvent`, which also decides late successes; this is the direct sale, used by
 * tests that need a sold hold. A repeat for a hold already SOLD changes nothing.
 */
export async function markHoldSold(deps: ReservationDeps, holdId: string): Promise<'sold' | 'already-sold'> {
  if (!isUuid(holdId)) throw new AppError('NOT_FOUND', 'hold not found');
  const now = deps.now();
  const result = await deps.orm.em.fork().transactional(async (em) => {
    const sql = new Sql(em);
    const holds = new HoldRepository(sql);
    const seen = await holds.findById(holdId);
    if (!seen) throw new AppError('NOT_FOUND', 'hold not found');
    const stock = (await new StockRepository(sql).lock(seen.sessionId))!;
    const hold = await holds.lockById(holdId);
    const decision = saleDecision(hold, now);
    if (decision === 'already-sold') return decision;
    if (decision !== 'sell') throw new AppError(decision.code, decision.message, decision.details);
    await sellHold(sql, stock, hold!, { from: 'held', paymentId: null, actorId: null }, now);
    return 'sold' as const;
  });
  if (result === 'sold') deps.wakeOutboxRelay();
  return result;
}
