import { queryOnce } from '@ticketing/testing';
import { seedSession, startTestReservation, type TestReservation } from './harness';

describe('ListAudit on reservation', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_list_audit');
  });
  afterAll(() => sys.close());

  it('when an admin reads the trail after a session arrived, then its stock creation is there', async () => {
    const { sessionId } = await seedSession(sys.app);
    const page = await sys.call('listAudit', { action: 'stock.created', targetId: sessionId }, 'admin:a1');
    expect(page.items).toEqual([expect.objectContaining({ action: 'stock.created', targetId: sessionId })]);
  });

  it('when an admin pages one actor two at a time, then every row once, newest first', async () => {
    await queryOnce(
      sys.url,
      `insert into audit_log (actor_id, action, target_type, created_at) values
        ('pager', 'a2', 'hold', '2026-12-01T10:00:02Z'), ('pager', 'a1', 'hold', '2026-12-01T10:00:01Z'),
        ('pager', 'a3', 'hold', '2026-12-01T10:00:03Z')`,
    );
    const first = await sys.call('listAudit', { actorId: 'pager', pageSize: 2 }, 'admin:a1');
    const second = await sys.call('listAudit', { actorId: 'pager', pageSize: 2, cursor: first.nextCursor }, 'admin:a1');
    expect([...first.items, ...second.items].map((e: { action: string }) => e.action)).toEqual(['a3', 'a2', 'a1']);
  });

  it('when a buyer, a service or nobody asks, then FORBIDDEN or UNAUTHENTICATED', async () => {
    await expect(sys.call('listAudit', {}, 'user:u1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(sys.call('listAudit', {}, 'service:gateway')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(sys.call('listAudit', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
