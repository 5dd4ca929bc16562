import type { MigrationObject } from '@mikro-orm/core';
import { auditLogMigration } from '@ticketing/db';
import { Migration20261125000000Events } from './Migration20261125000000_events';

/** In the order they apply; names are stored in the database, so never rename one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261125000000_events', class: Migration20261125000000Events },
  auditLogMigration,
];
