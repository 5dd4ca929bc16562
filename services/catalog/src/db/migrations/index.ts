import type { MigrationObject } from '@mikro-orm/core';
import { auditLogIndexMigration, auditLogMigration } from '@ticketing/db';
import { inboxMigration, outboxMigration, outboxTraceMigration } from '@ticketing/nats-kit';
import { Migration20261125000000Events } from './Migration20261125000000_events';
import { Migration20261202000000Sessions } from './Migration20261202000000_sessions';

/** In the order they apply; names are stored in the database, so never rename one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261125000000_events', class: Migration20261125000000Events },
  auditLogMigration,
  outboxMigration,
  inboxMigration,
  { name: 'Migration20261202000000_sessions', class: Migration20261202000000Sessions },
  outboxTraceMigration,
  auditLogIndexMigration,
];
