import type { MigrationObject } from '@mikro-orm/core';
import { auditLogIndexMigration, auditLogMigration } from '@ticketing/db';
import { inboxMigration, outboxMigration, outboxTraceMigration } from '@ticketing/nats-kit';
import { Migration20261230000000Payment } from './Migration20261230000000_payment';
import { Migration20261231000100PaymentTrace } from './Migration20261231000100_payment_trace';

/** In the order they apply; names are stored in the database, so never rename one. */
export const migrations: MigrationObject[] = [
  auditLogMigration,
  outboxMigration,
  inboxMigration,
  { name: 'Migration20261230000000_payment', class: Migration20261230000000Payment },
  outboxTraceMigration,
  { name: 'Migration20261231000100_payment_trace', class: Migration20261231000100PaymentTrace },
  auditLogIndexMigration,
];
