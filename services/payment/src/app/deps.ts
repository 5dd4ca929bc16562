import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import type { HoldReader } from './hold-reader';
import type { PaymentProvider } from './payment-provider';

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
}
