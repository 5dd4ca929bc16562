import type { MikroORM } from '@mikro-orm/postgresql';
import type { StockStore } from '../redis/stock-store';
import type { SessionListings } from './session-listings';

/** What the use cases need from the outside world, passed in so tests can vary it. */
export interface CatalogDeps {
  orm: MikroORM;
  stock: StockStore;
  listings: SessionListings;
  now(): Date;
  /** The largest event payload the message broker accepts (its max_payload less the envelope). */
  maxEventBytes: number;
  /** Called after a change with events commits, so they go out now rather than at the relay's next poll. */
  wakeOutboxRelay(): void;
}

/** Who made an admin change; written to the audit log with it. */
export interface Actor {
  subject: string;
}
