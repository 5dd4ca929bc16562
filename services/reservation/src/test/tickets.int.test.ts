import { randomUUID } from 'node:crypto';
import { connectNats, type NatsConnection } from '@ticketing/nats-kit';
import { TEST_NATS_URL } from '@ticketing/testing';
import { verifyTicketQr } from '../domain/ticket-qr';
import { holdRequest, seatRequest, seedSession, startTestReservation, type TestReservation } from './harness';
import { expectBalanced, publishPayment, SCANNER_KEYS, succeededFor, waitApplied } from './payment-events';

/** The buyer's tickets (GET /api/me/tickets) and what admins see of a session's sales. */
describe('tickets and sales', () => {
  let sys: TestReservation;
  let nc: NatsConnection;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_tickets');
    nc = await connectNats(TEST_NATS_URL, 'tickets-test');
  });
  afterAll(async () => {
    await nc.close();
    await sys.close();
  });

  async function buy(user: string, request: object) {
    const hold = await sys.call('hold', request, `user:${user}`);
    await waitApplied(sys, await publishPayment(nc, sys.prefix, 'payment.succeeded', succeededFor(hold)));
    return hold;
  }

  it('when a buyer lists their tickets, then they come newest first, page by page, with event and seat', async () => {
    const spring = await seedSession(sys.app, { eventTitle: 'Spring Concert' });
    const seats = ['E1', 'E2'].map((label) => ({ id: randomUUID(), label, section: 'E', priceMinor: 70000 }));
    const gala = await seedSession(sys.app, {
      eventTitle: 'Autumn Gala',
      seatingKind: 'SEAT_MAP',
      totalStock: 2,
      seats,
    });
    const first = await buy('tix1', holdRequest(spring.sessionId, 2));
    const second = await buy('tix1', seatRequest(gala.sessionId, [seats[1]!.id]));
    await buy('tix-other', holdRequest(spring.sessionId, 1));
    await sys.call('hold', holdRequest(spring.sessionId, 1), 'user:tix1');

    const page1 = await sys.call('listMyTickets', { pageSize: 2 }, 'user:tix1');
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({
      holdId: second.holdId,
      sessionId: gala.sessionId,
      seatId: seats[1]!.id,
      seatLabel: 'E2',
      status: 'VALID',
      event: { title: 'Autumn Gala', startAt: gala.startAt },
      issuedAt: expect.any(String),
    });
    expect(page1.items[1]).toMatchObject({ holdId: first.holdId, seatLabel: '', event: { title: 'Spring Concert' } });
    const page2 = await sys.call('listMyTickets', { pageSize: 2, cursor: page1.nextCursor }, 'user:tix1');
    expect(page2.items.map((t: { holdId: string }) => t.holdId)).toEqual([first.holdId]);
    expect(page2.nextCursor).toBe('');
    await expect(sys.call('listMyTickets', { cursor: 'forged' }, 'user:tix1')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expectBalanced(sys.url, spring.sessionId);
    await expectBalanced(sys.url, gala.sessionId);
  });

  it('when a buyer opens one ticket, then it carries a QR payload a scanner verifies; others get NOT_FOUND', async () => {
    const { sessionId } = await seedSession(sys.app);
    await buy('tix2', holdRequest(sessionId, 1));
    const [listed] = (await sys.call('listMyTickets', {}, 'user:tix2')).items;
    const ticket = await sys.call('getMyTicket', { ticketId: listed.ticketId }, 'user:tix2');
    expect(ticket).toEqual(listed);
    expect(verifyTicketQr(ticket.qrPayload, SCANNER_KEYS)).toMatchObject({ ticketId: ticket.ticketId, sessionId });
    await expect(sys.call('getMyTicket', { ticketId: listed.ticketId }, 'user:tix-thief')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const garbage of ['not-a-ticket', randomUUID(), ''])
      await expect(sys.call('getMyTicket', { ticketId: garbage }, 'user:tix2')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
  });

  it('when holds are read, then SOLD ones carry their tickets and the others none', async () => {
    const { sessionId } = await seedSession(sys.app);
    const sold = await buy('tix3', holdRequest(sessionId, 2));
    const active = await sys.call('hold', holdRequest(sessionId, 1), 'user:tix3');
    const mine = await sys.call('listMyReservations', {}, 'user:tix3');
    const byId = Object.fromEntries(mine.items.map((h: { holdId: string }) => [h.holdId, h]));
    expect(byId[sold.holdId].tickets).toHaveLength(2);
    expect(byId[active.holdId].tickets).toEqual([]);
    const read = await sys.call('getHold', { holdId: sold.holdId }, 'user:tix3');
    expect(read.tickets).toEqual(byId[sold.holdId].tickets);
    await expectBalanced(sys.url, sessionId);
  });

  it('when an admin reads a session sales, then tickets sold and revenue come with the counters', async () => {
    const { sessionId } = await seedSession(sys.app, { totalStock: 20, priceMinor: 55000 });
    await buy('tix4', holdRequest(sessionId, 2));
    await buy('tix5', holdRequest(sessionId, 3));
    await sys.call('hold', holdRequest(sessionId, 1), 'user:tix6');
    const sales = await sys.call('getSessionSales', { sessionId }, 'admin:root');
    expect(sales).toMatchObject({
      sold: 5,
      held: 1,
      ticketsSold: 5,
      revenue: { amountMinor: '275000', currency: 'KRW' },
    });
    const empty = await seedSession(sys.app);
    await expect(sys.call('getSessionSales', { sessionId: empty.sessionId }, 'admin:root')).resolves.toMatchObject({
      ticketsSold: 0,
      revenue: { amountMinor: '0', currency: 'KRW' },
    });
    await expectBalanced(sys.url, sessionId);
  });
});
