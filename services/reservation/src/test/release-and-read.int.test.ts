import { queryOnce } from '@ticketing/testing';
import { markHoldSold } from '../app/mark-hold-sold';
import { countersOf, holdRequest, seedSession, startTestReservation, type TestReservation } from './harness';

describe('release, reads and sales against PostgreSQL', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_release');
  });
  afterAll(() => sys.close());

  describe('release', () => {
    it('releaseReturnsStock: the owner releases an ACTIVE hold and its tickets are available at once', async () => {
      const { sessionId } = await seedSession(sys.app);
      const hold = await sys.call('hold', holdRequest(sessionId, 3), 'user:rel1');
      await expect(sys.call('release', { holdId: hold.holdId }, 'user:rel1')).resolves.toEqual({});
      expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 10, held: 0 });
      await expect(sys.call('getHold', { holdId: hold.holdId }, 'user:rel1')).resolves.toMatchObject({
        status: 'RELEASED',
      });
      const audit = await queryOnce(
        sys.url,
        `select actor_id from audit_log where action = 'hold.released' and target_id = $1`,
        [hold.holdId],
      );
      expect(audit).toEqual([{ actor_id: 'rel1' }]);
    });

    it('releaseOfAnotherUsersHoldIsNotFound: and the hold stays as it was', async () => {
      const { sessionId } = await seedSession(sys.app);
      const hold = await sys.call('hold', holdRequest(sessionId, 2), 'user:rel2');
      await expect(sys.call('release', { holdId: hold.holdId }, 'user:intruder')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(sys.call('release', { holdId: 'not-a-hold' }, 'user:rel2')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 8, held: 2 });
    });

    it('releaseOfAFinishedHoldIsRefused: twice is CONFLICT, sold is CONFLICT, expired is HOLD_EXPIRED', async () => {
      const { sessionId } = await seedSession(sys.app);
      const released = await sys.call('hold', holdRequest(sessionId, 1), 'user:rel3');
      await sys.call('release', { holdId: released.holdId }, 'user:rel3');
      await expect(sys.call('release', { holdId: released.holdId }, 'user:rel3')).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      const sold = await sys.call('hold', holdRequest(sessionId, 1), 'user:rel3');
      await markHoldSold(sys.app.deps, sold.holdId);
      await expect(sys.call('release', { holdId: sold.holdId }, 'user:rel3')).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      const late = await sys.call('hold', holdRequest(sessionId, 1), 'user:rel3');
      await queryOnce(sys.url, `update hold set expires_at = now() - interval '1 second' where id = $1`, [late.holdId]);
      await expect(sys.call('release', { holdId: late.holdId }, 'user:rel3')).rejects.toMatchObject({
        code: 'HOLD_EXPIRED',
      });
      expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 8, held: 1, sold: 1 });
    });
  });

  describe('sold', () => {
    it('holdToSoldTransition: an ACTIVE hold becomes SOLD once; a repeat changes nothing; an expired one is HOLD_EXPIRED', async () => {
      const { sessionId } = await seedSession(sys.app);
      const hold = await sys.call('hold', holdRequest(sessionId, 2), 'user:sold1');
      await expect(markHoldSold(sys.app.deps, hold.holdId)).resolves.toBe('sold');
      await expect(markHoldSold(sys.app.deps, hold.holdId)).resolves.toBe('already-sold');
      expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 8, held: 0, sold: 2 });
      const late = await sys.call('hold', holdRequest(sessionId, 1), 'user:sold2');
      await queryOnce(sys.url, `update hold set expires_at = now() - interval '1 second' where id = $1`, [late.holdId]);
      await expect(markHoldSold(sys.app.deps, late.holdId)).rejects.toMatchObject({ code: 'HOLD_EXPIRED' });
      expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 7, held: 1, sold: 2 });
    });
  });

  describe('reads', () => {
    it('getHoldShowsOnlyTheCallersOwnHold: others get NOT_FOUND; a service may read any', async () => {
      const { sessionId } = await seedSession(sys.app);
      const hold = await sys.call('hold', holdRequest(sessionId, 1), 'user:get1');
      await expect(sys.call('getHold', { holdId: hold.holdId }, 'user:get1')).resolves.toEqual(hold);
      await expect(sys.call('getHold', { holdId: hold.holdId }, 'user:get2')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(sys.call('getHold', { holdId: hold.holdId }, 'service:payment')).resolves.toMatchObject({
        holdId: hold.holdId,
      });
    });

    it('myReservationsListsHoldsAndPurchasesNewestFirst: with event, session time, status and expiry, page by page', async () => {
      const spring = await seedSession(sys.app, { eventTitle: 'Spring Concert' });
      const autumn = await seedSession(sys.app, { eventTitle: 'Autumn Gala', startAt: '2027-10-01T19:00:00.000Z' });
      const a = await sys.call('hold', holdRequest(spring.sessionId, 1), 'user:mine');
      const b = await sys.call('hold', holdRequest(autumn.sessionId, 2), 'user:mine');
      const c = await sys.call('hold', holdRequest(spring.sessionId, 1), 'user:mine');
      await sys.call('hold', holdRequest(spring.sessionId, 1), 'user:someone-else');
      await markHoldSold(sys.app.deps, a.holdId);
      await sys.call('release', { holdId: c.holdId }, 'user:mine');

      const first = await sys.call('listMyReservations', { pageSize: 2 }, 'user:mine');
      expect(first.items.map((h: { holdId: string }) => h.holdId)).toEqual([c.holdId, b.holdId]);
      expect(first.items[1]).toMatchObject({
        status: 'ACTIVE',
        quantity: 2,
        expiresAt: b.expiresAt,
        event: { title: 'Autumn Gala', startAt: '2027-10-01T19:00:00.000Z' },
      });
      expect(first.items[0]).toMatchObject({ status: 'RELEASED' });
      const second = await sys.call('listMyReservations', { pageSize: 2, cursor: first.nextCursor }, 'user:mine');
      expect(second.items.map((h: { holdId: string; status: string }) => [h.holdId, h.status])).toEqual([
        [a.holdId, 'SOLD'],
      ]);
      expect(second.nextCursor).toBe('');

      const sold = await sys.call('listMyReservations', { statuses: ['SOLD', 'ACTIVE'] }, 'user:mine');
      expect(sold.items.map((h: { holdId: string }) => h.holdId)).toEqual([b.holdId, a.holdId]);
      await expect(sys.call('listMyReservations', { cursor: 'forged' }, 'user:mine')).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });

    it('sessionSalesShowsCountersAndBuyers: for admins only, buyers in the order they bought, page by page', async () => {
      const { sessionId } = await seedSession(sys.app, { totalStock: 20 });
      const holds = [];
      for (const user of ['buyer1', 'buyer2', 'buyer3'])
        holds.push(await sys.call('hold', holdRequest(sessionId, 2), `user:${user}`));
      await markHoldSold(sys.app.deps, holds[0].holdId);

      await expect(sys.call('getSessionSales', { sessionId }, 'user:buyer1')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      const first = await sys.call('getSessionSales', { sessionId, pageSize: 2 }, 'admin:root');
      expect(first).toMatchObject({ sessionId, total: 20, available: 14, held: 4, sold: 2 });
      expect(
        first.buyers.map((b: { userId: string; status: string; quantity: number }) => [b.userId, b.status, b.quantity]),
      ).toEqual([
        ['buyer1', 'SOLD', 2],
        ['buyer2', 'ACTIVE', 2],
      ]);
      expect(first.buyers[0]).toMatchObject({
        holdId: holds[0].holdId,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const second = await sys.call(
        'getSessionSales',
        { sessionId, pageSize: 2, cursor: first.nextCursor },
        'admin:root',
      );
      expect(second.buyers.map((b: { userId: string }) => b.userId)).toEqual(['buyer3']);
      expect(second.nextCursor).toBe('');
      await expect(
        sys.call('getSessionSales', { sessionId: '5d1b8c3e-1111-4a2b-9c3d-000000000000' }, 'admin:root'),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
