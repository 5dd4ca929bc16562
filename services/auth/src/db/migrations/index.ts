import type { MigrationObject } from '@mikro-orm/core';
import { auditLogIndexMigration, auditLogMigration } from '@ticketing/db';
import { Migration20261201000000Auth } from './Migration20261201000000_auth';

/** In the order they apply; names are stored in the database, so never rename one. */
export const migrations: MigrationObject[] = [
  auditLogMigration,
  { name: 'Migration20261201000000_auth', class: Migration20261201000000Auth },
  auditLogIndexMigration,
];
