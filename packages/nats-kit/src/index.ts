export { connectNats, type NatsConnection } from './connect';
export { ensureStream, streamFor, TICKETING_STREAM, type StreamSettings } from './streams';
export { decodeEnvelope, type EventEnvelope } from './envelope';
export { outboxMigration, inboxMigration } from './migrations';
export { enqueueEvent, type NewEvent } from './outbox';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './relay';
export { startConsumer, type ConsumerOptions, type RunningConsumer } from './consumer';
