export { connectNats, type NatsConnection } from './connect';
export { ensureStream, TICKETING_STREAM, type StreamSettings } from './streams';
