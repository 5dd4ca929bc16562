import type { Logger } from '@ticketing/logger';
import type { StockSnapshot } from '../domain/stock';
import type { StockStore } from '../redis/stock-store';
import { isUuid } from '../domain/ids';

export interface StockChanged extends StockSnapshot {
  sessionId: string;
}

const COUNTS = ['version', 'total', 'available', 'held', 'sold'] as const;

function isStockChanged(payload: unknown): payload is StockChanged {
  if (typeof payload !== 'object' || payload === null) return false;
  const p = payload as Record<string, unknown>;
  return (
    typeof p.sessionId === 'string' &&
    isUuid(p.sessionId) &&
    COUNTS.every((k) => Number.isSafeInteger(p[k]) && (p[k] as number) >= 0)
  );
}

/**
 * The newest snapshot per session among `payloads`: older ones would be dropped by the store
 * anyway, so they are not sent. Payloads that can never be valid are handed to `unusable`.
 */
export function newestPerSession(
  payloads: readonly unknown[],
  unusable: (payload: unknown) => void,
): Map<string, StockSnapshot> {
  const newest = new Map<string, StockSnapshot>();
  for (const payload of payloads) {
    if (!isStockChanged(payload)) {
      unusable(payload);
      continue;
    }
    const { sessionId, version, total, available, held, sold } = payload;
    if ((newest.get(sessionId)?.version ?? -1) < version)
      newest.set(sessionId, { version, total, available, held, sold });
  }
  return newest;
}

/**
 * Applies a batch of `reservation.stock.changed` to the read model in one round trip. Older
 * versions are dropped by the store itself, so redelivery and reordering are harmless. A payload
 * that can never be valid is logged and skipped: retrying it would only hold up the events behind it.
 */
export async function recordStockChanges(
  stock: StockStore,
  payloads: readonly unknown[],
  logger: Logger,
): Promise<void> {
  const newest = newestPerSession(payloads, (payload) =>
    logger.error({ payload }, 'reservation.stock.changed with an unusable payload skipped'),
  );
  const stored = await stock.recordAll(newest);
  for (const [sessionId, { version }] of newest) {
    if (!stored.has(sessionId)) logger.debug({ sessionId, version }, 'stale stock event ignored');
  }
}
