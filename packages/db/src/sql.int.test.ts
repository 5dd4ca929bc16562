import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabaseUrl, queryOnce } from '@ticketing/testing';
import { Migration, NOTHING, Sql, createOrm, dropDatabase, pgArray, rows, runTogether } from './index';

class CreateNotes extends Migration {
  async up(): Promise<void> {
    this.addSql('create table note (id int primary key, body text not null);');
  }
}

describe('raw SQL in the caller transaction, on real PostgreSQL', () => {
  const url = createTestDatabaseUrl('db_sql');
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await createOrm({
      url,
      entities: [],
      migrations: [{ name: 'Migration20260101000000_notes', class: CreateNotes }],
    });
  });
  afterAll(async () => {
    await orm.close();
    await dropDatabase(url);
  });

  const bodies = async (ids: number[]) =>
    (await queryOnce<{ body: string }>(url, 'select body from note where id = any($1) order by id', [ids])).map(
      (r) => r.body,
    );

  it('when strings hold quotes, backslashes, commas and braces, then pgArray binds each as one element', async () => {
    const values = ['plain', 'a "quoted" word', 'back\\slash', 'comma, here', '{braces}', ''];
    const found = await new Sql(orm.em.fork()).all<{ v: string[] }>('select ?::text[] as v', [pgArray(values)]);
    expect(found[0]!.v).toEqual(values);
  });

  it('when several writes run together, then each applies and an empty statement is skipped', async () => {
    const sql = new Sql(orm.em.fork());
    await sql.run(`insert into note (id, body) values ${rows(2, '(?, ?)')}`, [1, 'one', 2, 'two']);
    await runTogether(sql, [
      { sql: 'update note set body = ? where id = ?', params: ['ONE', 1] },
      NOTHING,
      { sql: 'delete from note where id = ?', params: [2] },
      { sql: 'insert into note (id, body) values (?, ?)', params: [3, 'three'] },
    ]);
    expect(await bodies([1, 2, 3])).toEqual(['ONE', 'three']);
  });

  it('when the transaction it runs in rolls back, then none of its writes remain', async () => {
    await orm.em
      .fork()
      .transactional(async (em) => {
        const sql = new Sql(em);
        await runTogether(em, [
          { sql: 'insert into note (id, body) values (?, ?)', params: [10, 'ten'] },
          { sql: 'insert into note (id, body) values (?, ?)', params: [11, 'eleven'] },
        ]);
        expect(await sql.all('select id from note where id in (10, 11)')).toHaveLength(2);
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await bodies([10, 11])).toEqual([]);
  });

  it('when a statement changes rows, then run answers how many', async () => {
    const sql = new Sql(orm.em.fork());
    await sql.run(`insert into note (id, body) values ${rows(3, '(?, ?)')}`, [20, 'a', 21, 'b', 22, 'c']);
    expect(await sql.run('update note set body = ? where id >= ? and id <= ?', ['z', 20, 21])).toBe(2);
  });
});
