import type { MikroORM } from '@mikro-orm/postgresql';
import { startBatchConsumer, type NatsConnection, type RunningConsumer } from '@ticketing/nats-kit';
import type { Logger } from '@ticketing/logger';
import { recordStockChanges } from '../app/record-stock-change';
import type { StockStore } from '../redis/stock-store';

export const STOCK_CHANGED_DURABLE = 'catalog-stock-changed';

/**
 * Feeds the remaining-stock read model from reservation's `reservation.stock.changed`. During a
 * sale events come in bursts: what is already delivered is applied together, one transaction and
 * one Redis round trip per batch.
 */
export function startStockChangedConsumer(options: {
  nats: NatsConnection;
  orm: MikroORM;
  stream: string;
  subjectPrefix: string;
  stock: StockStore;
  logger: Logger;
}): Promise<RunningConsumer> {
  const logger = options.logger.child({ component: 'stock-consumer' });
  return startBatchConsumer({
    nats: options.nats,
    orm: options.orm,
    stream: options.stream,
    durable: STOCK_CHANGED_DURABLE,
    subjects: [`${options.subjectPrefix}.reservation.stock.changed`],
    logger,
    handleBatch: (events) =>
      recordStockChanges(
        options.stock,
        events.map((event) => event.payload),
        logger,
      ),
  });
}
