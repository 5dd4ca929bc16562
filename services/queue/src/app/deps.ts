import type { Logger } from '@ticketing/logger';
import type { QueueTokens } from '@ticketing/queue-tokens';
import type { QueueStore } from '../redis/queue-store';

/** What the use cases need; built once in app.ts. */
export interface QueueDeps {
  store: QueueStore;
  tokens: QueueTokens;
  logger: Logger;
  /** ms since the epoch; tests may move it. */
  now(): number;
}
