import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface ConsumerLag {
  stream: string;
  consumer: string;
  /** Messages not yet delivered plus those delivered and not yet acknowledged. */
  pending: number;
}

/**
 * Reads how far each durable consumer of this process is behind its stream: one JetStream API
 * request per consumer, made when metrics are scraped. A consumer that does not exist (yet) is
 * left out rather than failing the others.
 */
export function consumerLagReader(
  nats: NatsConnection,
  stream: string,
  durables: readonly string[],
): () => Promise<ConsumerLag[]> {
  let manager: Promise<JetStreamManager> | undefined;
  return async () => {
    // Made once; a failed attempt is forgotten so that the next scrape tries again.
    manager ??= jetstreamManager(nats).catch((error: unknown) => {
      manager = undefined;
      throw error;
    });
    const jsm = await manager;
    const infos = await Promise.allSettled(durables.map((durable) => jsm.consumers.info(stream, durable)));
    return infos.flatMap((result, i) =>
      result.status === 'fulfilled'
        ? [{ stream, consumer: durables[i]!, pending: result.value.num_pending + result.value.num_ack_pending }]
        : [],
    );
  };
}
