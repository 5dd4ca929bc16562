import { createTestDatabaseUrl, tableExists } from '@ticketing/testing';
import { Migration, createOrm, dropDatabase, ensureDatabase } from './index';

class CreateWidgets extends Migration {
  async up(): Promise<void> {
    this.addSql('create table widget (id serial primary key, name text not null);');
  }
}

describe('database setup', () => {
  const url = createTestDatabaseUrl('db');
  afterAll(() => dropDatabase(url));

  it('when the database is missing, then ensureDatabase creates it and a second call is a no-op', async () => {
    await ensureDatabase(url);
    await ensureDatabase(url);
    await Promise.all([ensureDatabase(url), ensureDatabase(url)]);
    expect(await tableExists(url, 'pg_class')).toBe(true);
  });

  it('when the ORM starts, then pending migrations are applied once and a restart re-applies nothing', async () => {
    const migrations = [{ name: 'Migration20260101000000_widgets', class: CreateWidgets }];
    const first = await createOrm({ url, entities: [], migrations });
    await first.close();
    const second = await createOrm({ url, entities: [], migrations });
    const executed = await second.getMigrator().getExecutedMigrations();
    await second.close();
    expect(executed.map((m) => m.name)).toEqual(['Migration20260101000000_widgets']);
    expect(await tableExists(url, 'widget')).toBe(true);
  });

  it('when PostgreSQL is unreachable, then the error names DATABASE_URL', async () => {
    await expect(
      createOrm({ url: 'postgres://postgres@127.0.0.1:1/nothing_here', entities: [], migrations: [] }),
    ).rejects.toThrow(/^DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1/);
  });

  it('when the database name has odd characters, then it is refused before any SQL runs', async () => {
    await expect(ensureDatabase('postgres://postgres@127.0.0.1:5432/x";drop')).rejects.toThrow(
      /DATABASE_URL must name/,
    );
  });
});
