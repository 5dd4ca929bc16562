import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createTestDatabaseUrl, queryOnce } from '@ticketing/testing';
import {
  AuditQueryInvalid,
  auditLogIndexMigration,
  auditLogMigration,
  createOrm,
  dropDatabase,
  readAuditPage,
  type AuditPageRequest,
} from './index';

const ANY: AuditPageRequest = {
  actorId: '',
  action: '',
  targetType: '',
  targetId: '',
  from: '',
  to: '',
  cursor: '',
  pageSize: 0,
};

describe('the audit trail reader, on real PostgreSQL', () => {
  const url = createTestDatabaseUrl('db_audit_query');
  let orm: MikroORM;
  const read = (request: Partial<AuditPageRequest>) => readAuditPage(orm.em.fork(), { ...ANY, ...request });

  beforeAll(async () => {
    orm = await createOrm({ url, entities: [], migrations: [auditLogMigration, auditLogIndexMigration] });
    // Six rows, two of them in the same microsecond, inserted out of time order.
    await queryOnce(
      url,
      `insert into audit_log (actor_id, action, target_type, target_id, meta, created_at) values
        ('u1', 'hold.created', 'hold', 'h1', '{"quantity": 2}', '2026-12-01T10:00:00.000001Z'),
        ('u2', 'hold.created', 'hold', 'h2', '{}', '2026-12-01T10:00:03.000000Z'),
        ('u1', 'hold.released', 'hold', 'h1', '{}', '2026-12-01T10:00:02.500000Z'),
        (null, 'session.created', 'session', 's1', '{}', '2026-12-01T10:00:02.500000Z'),
        ('u2', 'user.logged_in', 'user', 'u2', '{"password": "oops", "nested": {"refreshToken": "r"}, "revokedTokens": 3}', '2026-12-01T10:00:01Z'),
        ('u1', 'hold.created', 'hold', 'h3', '{}', '2026-12-01T10:00:04.123456Z')`,
    );
  });
  afterAll(async () => {
    await orm.close();
    await dropDatabase(url);
  });

  const ids = (page: { items: Array<{ targetId: string | null; action: string }> }) =>
    page.items.map((e) => `${e.action}:${e.targetId}`);

  it('when read without filters, then newest first with microseconds, ties broken by id descending', async () => {
    const page = await read({});
    expect(ids(page)).toEqual([
      'hold.created:h3',
      'hold.created:h2',
      'session.created:s1',
      'hold.released:h1',
      'user.logged_in:u2',
      'hold.created:h1',
    ]);
    expect(page.items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      actorId: 'u1',
      action: 'hold.created',
      targetType: 'hold',
      targetId: 'h3',
      meta: {},
      at: '2026-12-01T10:00:04.123456Z',
    });
    expect(page.items[2]).toMatchObject({ actorId: null, at: '2026-12-01T10:00:02.500000Z' });
    expect(page.nextCursor).toBe('');
  });

  it('when paged two at a time with the last row as keyset, then every row once, in order, even across a tie', async () => {
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await read({ pageSize: 2, cursor });
      seen.push(...ids(page));
      expect(page.items.length).toBeLessThanOrEqual(2);
      cursor = page.nextCursor;
    } while (cursor !== '');
    expect(seen).toEqual(ids(await read({})));
  });

  it('when filtered by actor, action, object and time, then only the matching rows; from inclusive, to exclusive', async () => {
    expect(ids(await read({ actorId: 'u1' }))).toEqual(['hold.created:h3', 'hold.released:h1', 'hold.created:h1']);
    expect(ids(await read({ action: 'hold.created', actorId: 'u1' }))).toEqual(['hold.created:h3', 'hold.created:h1']);
    expect(ids(await read({ targetType: 'hold', targetId: 'h1' }))).toEqual(['hold.released:h1', 'hold.created:h1']);
    expect(ids(await read({ from: '2026-12-01T10:00:02.5Z', to: '2026-12-01T10:00:04.123456Z' }))).toEqual([
      'hold.created:h2',
      'session.created:s1',
      'hold.released:h1',
    ]);
  });

  it('when a row holds a secret-looking key, then its value is redacted on the way out, counts are not', async () => {
    const [row] = (await read({ action: 'user.logged_in' })).items;
    expect(row!.meta).toEqual({ password: '[redacted]', nested: { refreshToken: '[redacted]' }, revokedTokens: 3 });
  });

  it('when the page size is 0 or over the cap, then the default 50 or the cap 200', async () => {
    await queryOnce(
      url,
      `insert into audit_log (actor_id, action, target_type) select 'bulk', 'bulk.row', 'thing' from generate_series(1, 210)`,
    );
    expect((await read({ action: 'bulk.row' })).items).toHaveLength(50);
    const capped = await read({ action: 'bulk.row', pageSize: 1000 });
    expect(capped.items).toHaveLength(200);
    expect(capped.nextCursor).toBe(`${capped.items[199]!.at},${capped.items[199]!.id}`);
  });

  it.each<[string, Partial<AuditPageRequest>]>([
    ['a date that does not exist', { from: '2026-02-30T00:00:00Z' }],
    ['a date with an offset', { to: '2026-12-01T10:00:00+09:00' }],
    ['a date that is not one', { from: 'yesterday' }],
    ['a cursor without its id', { cursor: '2026-12-01T10:00:00Z' }],
    ['a cursor id over 64 bits', { cursor: '2026-12-01T10:00:00Z,9223372036854775808' }],
    ['a cursor with a bad date', { cursor: '2026-13-01T10:00:00Z,1' }],
    ['a NUL in a filter', { actorId: 'u\u00001' }],
    ['a filter over 200 characters', { action: 'x'.repeat(201) }],
    ['a negative page size', { pageSize: -1 }],
  ])('when the request has %s, then AuditQueryInvalid before any SQL runs', async (_, request) => {
    await expect(read(request)).rejects.toBeInstanceOf(AuditQueryInvalid);
  });

  it('when the trail is paged newest first, then PostgreSQL can walk the time index instead of sorting', async () => {
    // A few hundred rows are cheaper to sort, so the planner is told sorting is off the table: what is
    // checked is that an index serves this order and keyset, not the planner's choice at this size.
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('set enable_sort = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `explain select id from audit_log where (created_at, id) < ($1::timestamptz, $2::bigint)
         order by created_at desc, id desc limit 51`,
        ['2026-12-01T10:00:03Z', '9'],
      );
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan using audit_log_created_idx/);
    } finally {
      await client.end();
    }
  });
});
