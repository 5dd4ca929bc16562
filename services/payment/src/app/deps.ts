import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import type { HoldReader } from './hold-reader';
import type { PaymentProvider } from './payment-provider';

/** What the use cases count for metrics (metrics.ts), once what they count has committed. */
export interface PaymentCounters {
  /** A provider webhook handled: its outcome (APPLIED, DUPLICATE, IGNORED) or the error code it was refused with. */
  callbackHandled(result: string): void;
  /** A payment's status changed to `status` (SUCCEEDED, FAILED, REFUNDED). */
  paymentReached(status: string): void;
}

/** What the use cases need from the outside world, passed in so tests can vary it. */
export interface PaymentDeps {
  orm: MikroORM;
  logger: Logger;
  now(): Date;
  provider: PaymentProvider;
  holds: HoldReader;
  /** The secret the provider signs its webhooks with, and how far from now a signature may be. */
  webhook: { secret: string; toleranceSec: number };
  /** Called after a change with events commits, so they go out now rather than at the relay's next poll. */
  wakeOutboxRelay(): void;
  counters: PaymentCounters;
}
