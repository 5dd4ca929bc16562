import { queryOnce } from '@ticketing/testing';
import { GOOD_PASSWORD, newEmail, signUpAndLogIn, startTestAuth, type TestAuth } from './harness';

const ADMIN_EMAIL = 'audit-admin@example.com';

describe('ListAudit on auth', () => {
  let auth: TestAuth;
  let admin: string;

  beforeAll(async () => {
    auth = await startTestAuth('auth_list_audit', {
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: GOOD_PASSWORD,
    });
    admin = (await auth.call('logIn', { email: ADMIN_EMAIL, password: GOOD_PASSWORD })).accessToken;
  });
  afterAll(() => auth.stop());

  it('when an admin reads the trail after a sign-up, then the sign-up is there with its actor and object', async () => {
    const { user, email } = await signUpAndLogIn(auth, newEmail('audited'));
    const page = await auth.call('listAudit', { action: 'user.signed_up', targetId: user.id }, admin);
    expect(page).toEqual({
      items: [
        {
          id: expect.stringMatching(/^\d+$/),
          actorId: user.id,
          action: 'user.signed_up',
          targetType: 'user',
          targetId: user.id,
          metaJson: JSON.stringify({ email }),
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        },
      ],
      nextCursor: '',
    });
  });

  it('when an admin pages one actor two at a time, then every row once, newest first', async () => {
    await queryOnce(
      auth.config.DATABASE_URL,
      `insert into audit_log (actor_id, action, target_type, created_at) values
        ('pager', 'a1', 'thing', '2026-12-01T10:00:01Z'), ('pager', 'a3', 'thing', '2026-12-01T10:00:03Z'),
        ('pager', 'a2', 'thing', '2026-12-01T10:00:02Z')`,
    );
    const first = await auth.call('listAudit', { actorId: 'pager', pageSize: 2 }, admin);
    const second = await auth.call('listAudit', { actorId: 'pager', pageSize: 2, cursor: first.nextCursor }, admin);
    expect([...first.items, ...second.items].map((e: { action: string }) => e.action)).toEqual(['a3', 'a2', 'a1']);
    expect(second.nextCursor).toBe('');
  });

  it('when a USER or nobody asks, then PERMISSION_DENIED or UNAUTHENTICATED', async () => {
    const { accessToken } = await signUpAndLogIn(auth);
    await expect(auth.call('listAudit', {}, accessToken)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(auth.call('listAudit', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('when a date or the cursor is malformed, then INVALID_ARGUMENT naming it', async () => {
    await expect(auth.call('listAudit', { from: '2026-02-30T00:00:00Z' }, admin)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('from'),
    });
    await expect(auth.call('listAudit', { cursor: 'nonsense' }, admin)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('cursor'),
    });
  });
});
