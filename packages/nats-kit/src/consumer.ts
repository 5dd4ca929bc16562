import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import { type Delivered, decodeOrTerminate, transactionGroups } from './deliveries';
import { consumeDurable, type DurableSettings } from './durable';
import type { EventEnvelope } from './envelope';
import { readyBatches } from './ready-batches';
import { inConsumerSpan } from './trace-context';

/** `durable` is also the inbox's consumer key. */
interface ConsumerSettings extends DurableSettings {
  orm: MikroORM;
  logger: Logger;
  retryDelayMs?: number;
  /**
   * Called after each transaction that applied events commits: the moment to wake an outbox
   * relay for events the handler wrote (the handler itself runs before the commit).
   */
  afterCommit?: () => void;
}

export interface ConsumerOptions extends ConsumerSettings {
  /** Runs inside a transaction together with the inbox insert: both commit or neither. */
  handle: (event: EventEnvelope, em: EntityManager) => Promise<void>;
}

export interface BatchConsumerOptions extends ConsumerSettings {
  /**
   * Runs inside one transaction together with the inbox insert of the whole batch: all commit or
   * none. Given only events not seen before, in stream order; never empty.
   */
  handleBatch: (events: EventEnvelope[], em: EntityManager) => Promise<void>;
  /** At most this many events per transaction (default 100). Batches are never waited for. */
  maxBatch?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

/** One event per transaction: for handlers whose work is per event anyway. */
export function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const { handle, ...settings } = options;
  return startBatchConsumer({
    ...settings,
    maxBatch: 1,
    handleBatch: async (events, em) => {
      for (const event of events) await handle(event, em);
    },
  });
}

/**
 * A durable pull consumer whose handler runs at most once per event id (inbox table), acks only
 * after the transaction commits, retries failures with a delay, and terminates poison messages.
 * Messages already delivered are handled together, in one transaction, so a burst costs one
 * commit per batch rather than per event; a lone message is handled at once.
 */
export async function startBatchConsumer(options: BatchConsumerOptions): Promise<RunningConsumer> {
  const maxBatch = options.maxBatch ?? 100;
  const messages = await consumeDurable(options, Math.max(maxBatch, 100));
  const done = (async () => {
    for await (const batch of readyBatches(messages, maxBatch)) {
      for (const group of transactionGroups(decodeOrTerminate(batch, options.logger))) await apply(group, options);
    }
  })();
  return {
    stop: async () => {
      messages.stop();
      await done;
    },
  };
}

/** One transaction for the group, in a consumer span that continues the first event's trace. */
function apply(group: Delivered[], options: BatchConsumerOptions): Promise<void> {
  const name = `${group[0]!.event.type} process`;
  return inConsumerSpan(
    name,
    group.map((d) => d.event.traceparent),
    () => applyGroup(group, options),
  );
}

async function applyGroup(group: Delivered[], options: BatchConsumerOptions): Promise<void> {
  try {
    const applied = await options.orm.em.fork().transactional(async (em) => {
      // One statement for the whole batch; ids come back only for events this consumer never recorded.
      const inserted: Array<{ event_id: string }> = await em
        .getConnection()
        .execute(
          'insert into inbox (consumer, event_id) select ?, unnest(?::uuid[]) on conflict do nothing returning event_id',
          [options.durable, `{${group.map((d) => d.event.id).join(',')}}`],
          'all',
          em.getTransactionContext(),
        );
      const fresh = new Set(inserted.map((row) => row.event_id.toLowerCase()));
      // `delete` keeps only the first copy when one event arrived twice in the same batch.
      const events = group.filter((d) => fresh.delete(d.event.id.toLowerCase())).map((d) => d.event);
      if (events.length > 0) await options.handleBatch(events, em);
      return events.length;
    });
    if (applied > 0) options.afterCommit?.();
    for (const { message } of group) message.ack();
    // Rare (a redelivery after a crash or a lost ack), and what a drill counts: info, not debug.
    if (applied < group.length)
      options.logger.info({ skipped: group.length - applied }, 'consumer: duplicate events skipped');
  } catch (error) {
    const [{ event, message }] = group as [Delivered];
    options.logger.warn(
      {
        eventId: event.id,
        type: event.type,
        events: group.length,
        err: (error as Error).message,
        deliveries: message.info.deliveryCount,
      },
      'consumer: handling failed, will retry',
    );
    for (const d of group) d.message.nak(options.retryDelayMs ?? 1000);
  }
}
