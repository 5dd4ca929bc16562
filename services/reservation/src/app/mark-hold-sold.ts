import { Sql, writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { enqueueEvents } from '@ticketing/nats-kit';
import { isUuid } from '../domain/hold-rules';
import { saleDecision } from '../domain/hold-transitions';
import { sellHeld } from '../domain/stock-counters';
import { HoldRepository } from '../db/hold.repository';
import { SeatRepository } from '../db/seat.repository';
import { StockRepository } from '../db/stock.repository';
import type { ReservationDeps } from './deps';
import { HOLD_SOLD, holdEvent, stockChanged } from './reservation-events';

/**
 * ACTIVE -> SOLD when payment succeeds (payment's event will call this). A repeat for a hold
 * already SOLD changes nothing; an expired or released hold is refused, so payment refunds it.
 * Returns whether this call made the sale.
 */
export async function markHoldSold(deps: ReservationDeps, holdId: string): Promise<'sold' | 'already-sold'> {
  if (!isUuid(holdId)) throw new AppError('NOT_FOUND', 'hold not found');
  const now = deps.now();
  const result = await deps.orm.em.fork().transactional(async (em) => {
    const sql = new Sql(em);
    const holds = new HoldRepository(sql);
    const seen = await holds.findById(holdId);
    if (!seen) throw new AppError('NOT_FOUND', 'hold not found');
    const stocks = new StockRepository(sql);
    const stock = (await stocks.lock(seen.sessionId))!;
    const hold = await holds.lockById(holdId);
    const decision = saleDecision(hold, now);
    if (decision === 'already-sold') return decision;
    if (decision !== 'sell') throw new AppError(decision.code, decision.message, decision.details);
    await holds.setStatus([holdId], 'SOLD', now);
    await new SeatRepository(sql).sell(holdId);
    const counters = sellHeld(stock.counters, hold!.quantity);
    const version = await stocks.saveCounters(stock.sessionId, counters, now);
    await enqueueEvents(sql, [
      holdEvent(HOLD_SOLD, { ...hold!, status: 'SOLD', updatedAt: now }),
      stockChanged(stock.sessionId, version, counters),
    ]);
    await writeAudit(sql, [
      {
        actorId: null,
        action: 'hold.sold',
        targetType: 'hold',
        targetId: holdId,
        meta: { sessionId: stock.sessionId, userId: hold!.userId, quantity: hold!.quantity },
      },
    ]);
    return 'sold' as const;
  });
  if (result === 'sold') deps.wakeOutboxRelay();
  return result;
}
