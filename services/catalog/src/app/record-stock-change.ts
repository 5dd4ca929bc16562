import type { Logger } from '@ticketing/logger';
import type { StockSnapshot } from '../domain/stock';
import type { StockStore } from '../redis/stock-store';
import { isUuid } from './page-cursor';

export interface StockChanged extends StockSnapshot {
  sessionId: string;
}

const COUNTS = ['version', 'total', 'available', 'held', 'sold'] as const;

function isStockChanged(payload: unknown): payload is StockChanged {
  const p = payload as Record<string, unknown>;
  return (
    typeof p.sessionId === 'string' &&
    isUuid(p.sessionId) &&
    COUNTS.every((k) => Number.isSafeInteger(p[k]) && (p[k] as number) >= 0)
  );
}

/**
 * Applies `reservation.stock.changed` to the read model. Older versions are dropped by the store
 * itself, so redelivery and reordering are harmless. A payload that can never be valid is logged
 * and skipped: retrying it would only hold up the events behind it.
 */
export async function recordStockChange(stock: StockStore, payload: unknown, logger: Logger): Promise<void> {
  if (!isStockChanged(payload)) {
    logger.error({ payload }, 'reservation.stock.changed with an unusable payload skipped');
    return;
  }
  const { sessionId, version, total, available, held, sold } = payload;
  const stored = await stock.record(sessionId, { version, total, available, held, sold });
  if (!stored) logger.debug({ sessionId, version }, 'stale stock event ignored');
}
