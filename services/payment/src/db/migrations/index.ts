import type { MigrationObject } from '@mikro-orm/core';
import { auditLogMigration } from '@ticketing/db';
import { inboxMigration, outboxMigration } from '@ticketing/nats-kit';
import { Migration20261230000000Payment } from './Migration20261230000000_payment';

/** In the order they apply; names are stored in the database, so never rename one. */
export const migrations: MigrationObject[] = [
  auditLogMigration,
  outboxMigration,
  inboxMigration,
  { name: 'Migration20261230000000_payment', class: Migration20261230000000Payment },
];
