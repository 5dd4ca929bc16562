import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';

/** What the use cases need from the outside world, passed in so tests can vary it. */
export interface ReservationDeps {
  orm: MikroORM;
  logger: Logger;
  now(): Date;
  holdTtlSec: number;
  /** Called after a change with events commits, so they go out now rather than at the relay's next poll. */
  wakeOutboxRelay(): void;
}
