import { queryOnce } from '@ticketing/testing';
import { startTestCatalog, type TestCatalog } from './support';

describe('ListAudit on catalog', () => {
  let catalog: TestCatalog;

  beforeAll(async () => {
    catalog = await startTestCatalog('catalog_list_audit');
  });
  afterAll(() => catalog?.teardown());

  it('when an admin reads the trail after creating an event, then the creation is there with its actor', async () => {
    const event = await catalog.call('createEvent', { title: 'Audited', venue: 'Hall', status: 'DRAFT' }, 'admin');
    const page = await catalog.call('listAudit', { targetType: 'event', targetId: event.id }, 'admin');
    expect(page.items).toEqual([
      expect.objectContaining({ actorId: 'admin-1', action: 'event.created', targetId: event.id }),
    ]);
    expect(JSON.parse(page.items[0].metaJson)).toEqual({ title: 'Audited', status: 'DRAFT' });
  });

  it('when an admin pages a time range two at a time, then every row in it once, newest first', async () => {
    await queryOnce(
      catalog.config.DATABASE_URL,
      `insert into audit_log (actor_id, action, target_type, created_at) values
        (null, 'old', 'thing', '2020-01-01T00:00:01Z'), (null, 'old', 'thing', '2020-01-01T00:00:01Z'),
        (null, 'old', 'thing', '2020-01-01T00:00:02Z'), (null, 'old', 'thing', '2020-01-02T00:00:00Z')`,
    );
    const range = { from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z', pageSize: 2 };
    const first = await catalog.call('listAudit', range, 'admin');
    const second = await catalog.call('listAudit', { ...range, cursor: first.nextCursor }, 'admin');
    const rows = [...first.items, ...second.items].map((e: { createdAt: string }) => e.createdAt);
    expect(rows).toEqual(['2020-01-01T00:00:02.000000Z', '2020-01-01T00:00:01.000000Z', '2020-01-01T00:00:01.000000Z']);
    expect(new Set([...first.items, ...second.items].map((e: { id: string }) => e.id)).size).toBe(3);
    expect(second.nextCursor).toBe('');
  });

  it('when a USER or nobody asks, or the request is malformed, then FORBIDDEN, UNAUTHENTICATED or INVALID_ARGUMENT', async () => {
    await expect(catalog.call('listAudit', {}, 'user')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(catalog.call('listAudit', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(catalog.call('listAudit', { to: 'tomorrow' }, 'admin')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
