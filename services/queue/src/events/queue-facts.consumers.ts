import { z } from 'zod';
import type { Logger } from '@ticketing/logger';
import {
  startIdempotentConsumer,
  type EventEnvelope,
  type NatsConnection,
  type RunningConsumer,
} from '@ticketing/nats-kit';
import { SESSION_ID } from '../redis/keys';
import type { QueueStore, SessionFacts } from '../redis/queue-store';

export const CATALOG_SESSIONS_DURABLE = 'queue-catalog-sessions';
export const STOCK_DURABLE = 'queue-stock';

const version = z.number().int().min(1);
const sessionId = z.string().regex(SESSION_ID);
const sessionState = z.object({
  sessionId,
  version,
  queueEnabled: z.boolean(),
  admissionRatePerSec: z.number().int().min(0),
  maxQueueLength: z.number().int().min(0),
  salesCloseAt: z.string().datetime({ offset: true }),
});
const sessionDeleted = z.object({ sessionId, version });
const stockChanged = z.object({ sessionId, version, available: z.number().int().min(0) });

interface FactsOptions {
  nats: NatsConnection;
  stream: string;
  subjectPrefix: string;
  store: QueueStore;
  logger: Logger;
}

/**
 * The queue's view of sessions (settings from catalog, sold out from reservation), applied to
 * Redis by compare-and-set on each source's version: a repeat or an older event changes nothing,
 * so no inbox is needed. A payload that can never apply is logged and skipped, not retried.
 */
export async function startFactsConsumers(options: FactsOptions): Promise<RunningConsumer[]> {
  const { store, subjectPrefix } = options;
  const logger = options.logger.child({ component: 'facts-consumer' });
  const common = { nats: options.nats, stream: options.stream, logger };
  const sessions = await startIdempotentConsumer({
    ...common,
    durable: CATALOG_SESSIONS_DURABLE,
    subjects: [`${subjectPrefix}.catalog.session.>`],
    handle: async (event) => {
      const facts = sessionFactsOf(event);
      if (!facts) return logger.error({ eventId: event.id, type: event.type }, 'unusable session event skipped');
      const applied = await store.applySession(facts);
      logger.debug({ eventId: event.id, type: event.type, applied }, 'session event');
    },
  });
  const stock = await startIdempotentConsumer({
    ...common,
    durable: STOCK_DURABLE,
    subjects: [`${subjectPrefix}.reservation.stock.changed`],
    handle: async (event) => {
      const parsed = stockChanged.safeParse(event.payload);
      if (!parsed.success) return logger.error({ eventId: event.id, type: event.type }, 'unusable stock event skipped');
      const { sessionId: id, version: stockVersion, available } = parsed.data;
      await store.applyStock(id, stockVersion, available === 0);
    },
  });
  return [sessions, stock];
}

function sessionFactsOf(event: EventEnvelope): SessionFacts | null {
  if (event.type === 'catalog.session.deleted') {
    const parsed = sessionDeleted.safeParse(event.payload);
    if (!parsed.success) return null;
    const gone = { queueEnabled: false, admissionRatePerSec: 0, maxQueueLength: 0, salesCloseAt: 0 };
    return { ...parsed.data, deleted: true, ...gone };
  }
  const parsed = sessionState.safeParse(event.payload);
  if (!parsed.success) return null;
  return { ...parsed.data, deleted: false, salesCloseAt: Date.parse(parsed.data.salesCloseAt) };
}
