import type { EntityManager } from '@mikro-orm/postgresql';
import { Sql, writeAudit } from '@ticketing/db';
import type { Logger } from '@ticketing/logger';
import { enqueueEvents } from '@ticketing/nats-kit';
import { parseSessionDeleted, parseSessionState, planStock, type SessionState } from '../domain/session-state';
import { SeatRepository } from '../db/seat.repository';
import { StockRepository, type StockRow } from '../db/stock.repository';
import { stockChanged } from './reservation-events';

export const SESSION_CREATED = 'catalog.session.created';
export const SESSION_UPDATED = 'catalog.session.updated';
export const SESSION_DELETED = 'catalog.session.deleted';

export type SessionEventResult = 'created' | 'updated' | 'stale' | 'deleted' | 'skipped';

/**
 * Keeps a session's stock and sale facts in step with catalog, in the consumer's transaction
 * (with its inbox row, so a redelivered event is never applied twice). Events carry the whole
 * session and a version: anything not newer than what was applied changes nothing. A payload
 * that can never be applied is logged and skipped, so it does not hold up the events behind it.
 */
export async function applySessionEvent(
  em: EntityManager,
  type: string,
  payload: unknown,
  now: Date,
  logger: Logger,
): Promise<SessionEventResult> {
  const sql = new Sql(em);
  if (type === SESSION_DELETED) return applyDeleted(sql, payload, now, logger);
  if (type !== SESSION_CREATED && type !== SESSION_UPDATED) return 'skipped';
  const parsed = parseSessionState(payload);
  if ('problem' in parsed) {
    logger.error({ type, problem: parsed.problem }, 'catalog session event skipped: unusable payload');
    return 'skipped';
  }
  const state = parsed.state;
  const stocks = new StockRepository(sql);
  const current = await stocks.lock(state.sessionId);
  const plan = planStock(
    current && { catalogVersion: current.catalogVersion, counters: current.counters },
    current ? seatAwareTotal(current, state, logger) : state.totalStock,
    state.version,
  );

  if (plan.kind === 'stale') return 'stale';
  if (plan.kind === 'create') {
    await stocks.insert(state, plan.counters, now);
    if (state.seats) await new SeatRepository(sql).upsert(state.sessionId, state.seats);
    await enqueueEvents(sql, [stockChanged(state.sessionId, 1, plan.counters)]);
    await writeAudit(sql, [
      {
        actorId: null,
        action: 'stock.created',
        targetType: 'session',
        targetId: state.sessionId,
        meta: { total: state.totalStock, catalogVersion: state.version },
      },
    ]);
    return 'created';
  }

  await stocks.updateFacts(state, now);
  if (state.seats && state.seats.length === current!.counters.total)
    await new SeatRepository(sql).upsert(state.sessionId, state.seats);
  if (plan.totalRefused)
    logger.error(
      { sessionId: state.sessionId, reason: plan.totalRefused, catalogVersion: state.version },
      'catalog total change refused',
    );
  if (plan.totalChanged) {
    const version = await stocks.saveCounters(state.sessionId, plan.counters, now);
    await enqueueEvents(sql, [stockChanged(state.sessionId, version, plan.counters)]);
  }
  await writeAudit(sql, [
    {
      actorId: null,
      action: 'stock.updated',
      targetType: 'session',
      targetId: state.sessionId,
      meta: {
        catalogVersion: state.version,
        total: plan.counters.total,
        ...(plan.totalRefused ? { totalRefused: plan.totalRefused } : {}),
      },
    },
  ]);
  return 'updated';
}

/**
 * A seat map's stock is its seats, fixed once created (catalog refuses to change it);
 * a differing count is not applied.
 */
function seatAwareTotal(current: StockRow, state: SessionState, logger: Logger): number {
  if (current.seatingKind !== 'SEAT_MAP' || state.totalStock === current.counters.total) return state.totalStock;
  logger.error(
    { sessionId: state.sessionId, total: state.totalStock, stored: current.counters.total },
    'a seat map cannot change its number of seats; kept as it was',
  );
  return current.counters.total;
}

async function applyDeleted(sql: Sql, payload: unknown, now: Date, logger: Logger): Promise<SessionEventResult> {
  const parsed = parseSessionDeleted(payload);
  if ('problem' in parsed) {
    logger.error({ problem: parsed.problem }, 'catalog session deletion skipped: unusable payload');
    return 'skipped';
  }
  const stocks = new StockRepository(sql);
  const current = await stocks.lock(parsed.deleted.sessionId);
  if (!current) return 'skipped';
  if (parsed.deleted.version <= current.catalogVersion) return 'stale';
  await stocks.markDeleted(parsed.deleted.sessionId, parsed.deleted.version, now);
  await writeAudit(sql, [
    {
      actorId: null,
      action: 'stock.withdrawn',
      targetType: 'session',
      targetId: parsed.deleted.sessionId,
      meta: { catalogVersion: parsed.deleted.version },
    },
  ]);
  return 'deleted';
}
