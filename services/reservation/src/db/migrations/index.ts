import type { MigrationObject } from '@mikro-orm/core';
import { auditLogIndexMigration, auditLogMigration } from '@ticketing/db';
import { inboxMigration, outboxMigration, outboxTraceMigration } from '@ticketing/nats-kit';
import { Migration20261203000000Reservation } from './Migration20261203000000_reservation';
import { Migration20261220000000IdempotencyWithoutStatus } from './Migration20261220000000_idempotency_without_status';
import { Migration20261230000000Tickets } from './Migration20261230000000_tickets';

/** In the order they apply; names are stored in the database, so never rename one. */
export const migrations: MigrationObject[] = [
  auditLogMigration,
  outboxMigration,
  inboxMigration,
  { name: 'Migration20261203000000_reservation', class: Migration20261203000000Reservation },
  {
    name: 'Migration20261220000000_idempotency_without_status',
    class: Migration20261220000000IdempotencyWithoutStatus,
  },
  { name: 'Migration20261230000000_tickets', class: Migration20261230000000Tickets },
  outboxTraceMigration,
  auditLogIndexMigration,
];
