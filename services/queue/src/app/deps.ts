import type { Logger } from '@ticketing/logger';
import type { QueueTokens } from '@ticketing/queue-tokens';
import type { QueueStore } from '../redis/queue-store';

/** What the use cases count for metrics (metrics.ts). */
export interface QueueCounters {
  /** A user took a new place in a line. */
  entered(): void;
  /** A user whose admission ran out came back for a new place. */
  admissionLapsed(): void;
}

/** What the use cases need; built once in app.ts. */
export interface QueueDeps {
  store: QueueStore;
  tokens: QueueTokens;
  logger: Logger;
  /** ms since the epoch; tests may move it. */
  now(): number;
  counters: QueueCounters;
}
