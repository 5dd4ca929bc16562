export { connectNats, type NatsConnection } from './connect';
export { deleteStreamOf, ensureStream, streamFor, TICKETING_STREAM, type StreamSettings } from './streams';
export { decodeEnvelope, type EventEnvelope } from './envelope';
export { outboxMigration, outboxTraceMigration, inboxMigration } from './migrations';
export { contextOfTraceparent, currentTraceparent, inConsumerSpan, inEventTrace } from './trace-context';
export { enqueueEvents, outboxStatement, type NewEvent, type OutboxStatement } from './outbox';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './relay';
export {
  startBatchConsumer,
  startConsumer,
  type BatchConsumerOptions,
  type ConsumerOptions,
  type RunningConsumer,
} from './consumer';
export { startReplayReader, type ReplayReader, type ReplayReaderOptions } from './replay-reader';
export { startIdempotentConsumer, type IdempotentConsumerOptions } from './idempotent-consumer';
export { readOutboxLag, type OutboxLag } from './outbox-lag';
export { consumerLagReader, type ConsumerLag } from './consumer-lag';
