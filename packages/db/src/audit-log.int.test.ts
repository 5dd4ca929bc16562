import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabaseUrl, queryOnce } from '@ticketing/testing';
import {
  type AuditEntry,
  Sql,
  auditLogMigration,
  auditStatement,
  createOrm,
  dropDatabase,
  runTogether,
  writeAudit,
} from './index';

type Target = 'widget' | 'gadget';

describe('the audit log writer, on real PostgreSQL', () => {
  const url = createTestDatabaseUrl('db_audit');
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await createOrm({ url, entities: [], migrations: [auditLogMigration] });
  });
  afterAll(async () => {
    await orm.close();
    await dropDatabase(url);
  });

  const rowsOf = (action: string) =>
    queryOnce(url, 'select actor_id, target_type, target_id, meta from audit_log where action = $1 order by id', [
      action,
    ]);

  it('when one entry is written outside a transaction, then it is stored at once with an empty meta', async () => {
    await writeAudit(orm.em.fork(), { actorId: null, action: 'one.alone', targetType: 'widget', targetId: null });
    expect(await rowsOf('one.alone')).toEqual([{ actor_id: null, target_type: 'widget', target_id: null, meta: {} }]);
  });

  it('when a batch is written through an EntityManager or a Sql, then one row each, in order', async () => {
    const entries: AuditEntry<Target>[] = [
      { actorId: 'u1', action: 'many', targetType: 'widget', targetId: 'w1', meta: { n: 1, note: 'it\'s "odd"' } },
      { actorId: 'u2', action: 'many', targetType: 'gadget', targetId: 'g1' },
    ];
    await orm.em.fork().transactional((em) => writeAudit(em, entries.slice(0, 1)));
    await orm.em.fork().transactional((em) => writeAudit(new Sql(em), entries.slice(1)));
    expect(await rowsOf('many')).toEqual([
      { actor_id: 'u1', target_type: 'widget', target_id: 'w1', meta: { n: 1, note: 'it\'s "odd"' } },
      { actor_id: 'u2', target_type: 'gadget', target_id: 'g1', meta: {} },
    ]);
  });

  it('when the change it records rolls back, then its audit rows do too', async () => {
    await orm.em
      .fork()
      .transactional(async (em) => {
        await runTogether(em, [
          auditStatement([
            { actorId: 'u3', action: 'undone', targetType: 'widget', targetId: 'w3' },
            { actorId: 'u3', action: 'undone', targetType: 'widget', targetId: 'w4' },
          ]),
        ]);
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await rowsOf('undone')).toEqual([]);
  });

  it('when there is nothing to record, then the statement is empty and writing it is a no-op', async () => {
    expect(auditStatement([]).sql).toBe('');
    await expect(writeAudit(orm.em.fork(), [])).resolves.toBeUndefined();
  });
});
