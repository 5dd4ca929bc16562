import type { MigrationObject } from '@mikro-orm/core';
import { auditLogMigration } from '@ticketing/db';

/** In the order they apply; names are stored in the database, so never rename one. */
export const migrations: MigrationObject[] = [auditLogMigration];
