import { stripVTControlCharacters } from 'node:util';
import { env, loadConfig } from '@ticketing/config';
import { runMigrations } from '@ticketing/db';
import { createLogger } from '@ticketing/logger';
import { migrations } from './db/migrations';

// Migrates this service's database, then exits: the Kubernetes migration Job and every pod's init
// container run it (deploy/k8s). Needs DATABASE_URL only, none of the server's secrets. Runs at once
// queue on the migration lock (packages/db), as replicas migrating on start-up do.
const config = loadConfig({
  DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_payment'),
  LOG_LEVEL: env.logLevel(),
});
const logger = createLogger({ service: 'payment-migrate', level: config.LOG_LEVEL });

runMigrations(config.DATABASE_URL, migrations, (message) => logger.info(stripVTControlCharacters(message))).then(
  (database) => logger.info({ database }, 'migrated'),
  (error: unknown) => {
    process.stderr.write(`payment-migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
