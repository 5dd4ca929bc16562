import { spawn } from 'node:child_process';
import path from 'node:path';
import type { MigrationObject } from '@mikro-orm/core';
import { dropDatabase } from '@ticketing/db';
import { createTestDatabaseUrl, queryOnce } from '@ticketing/testing';
import { migrations as auth } from '../../services/auth/src/db/migrations';
import { migrations as catalog } from '../../services/catalog/src/db/migrations';
import { migrations as payment } from '../../services/payment/src/db/migrations';
import { migrations as reservation } from '../../services/reservation/src/db/migrations';

// The entry points the Kubernetes migration Jobs and init containers run (deploy/k8s), run as
// processes from their sources, with workspace packages resolved to sources as in jest.
const ROOT = path.resolve(__dirname, '../..');
const MIGRATIONS: Record<string, MigrationObject[]> = { auth, catalog, reservation, payment };

function runMigrate(service: string, url: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', path.join(ROOT, 'services', service, 'src', 'migrate.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.typecheck.json'),
          DATABASE_URL: url,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const appliedNames = async (url: string) =>
  (await queryOnce<{ name: string }>(url, 'select name from mikro_orm_migrations order by id')).map((r) => r.name);

describe('the migration entry points (services/<name>/src/migrate.ts)', () => {
  const urls: string[] = [];
  const freshUrl = (label: string) => {
    const url = createTestDatabaseUrl(label);
    urls.push(url);
    return url;
  };
  afterAll(async () => {
    for (const url of urls) await dropDatabase(url);
  });

  it.each(Object.keys(MIGRATIONS))(
    'when %s migrate runs against a database that does not exist, then it creates and migrates it and exits 0',
    async (service) => {
      const url = freshUrl(`migrate_${service}`);
      const run = await runMigrate(service, url);
      expect(run).toEqual({ code: 0, stderr: '' });
      expect(await appliedNames(url)).toEqual(MIGRATIONS[service]!.map((m) => m.name));
    },
  );

  it('when three runs start together on a fresh database, then all exit 0 and each migration applies once', async () => {
    // Without the lock, two of the three fail on "already exists" (the migrator takes no lock).
    const url = freshUrl('migrate_together');
    const runs = await Promise.all([1, 2, 3].map(() => runMigrate('reservation', url)));
    expect(runs).toEqual([1, 2, 3].map(() => ({ code: 0, stderr: '' })));
    expect(await appliedNames(url)).toEqual(reservation.map((m) => m.name));
  });

  it('when the database server cannot be reached, then it exits 1 with one line naming DATABASE_URL', async () => {
    const run = await runMigrate('catalog', 'postgres://postgres@127.0.0.1:1/ticketing_catalog');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^catalog-migrate: .*(DATABASE_URL|ECONNREFUSED)/);
  });
});
