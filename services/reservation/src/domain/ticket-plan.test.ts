import { newTicketCode, ticketsFor } from './ticket-plan';

const now = new Date('2026-12-01T10:00:00Z');
const hold = {
  id: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
  sessionId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
  userId: 'u1',
  quantity: 3,
  seatIds: [] as string[],
  seatLabels: [] as string[],
};

describe('tickets of a sold hold', () => {
  it('when a quantity hold is sold, then it gets one VALID ticket per unit, without a seat', () => {
    const tickets = ticketsFor(hold, now);
    expect(tickets).toHaveLength(3);
    for (const ticket of tickets)
      expect(ticket).toMatchObject({
        holdId: hold.id,
        sessionId: hold.sessionId,
        userId: 'u1',
        seatId: null,
        seatLabel: null,
        status: 'VALID',
        issuedAt: now,
      });
    expect(new Set(tickets.map((t) => t.id)).size).toBe(3);
    expect(new Set(tickets.map((t) => t.code)).size).toBe(3);
  });

  it('when a seat hold is sold, then it gets one ticket per seat with its id and label', () => {
    const seats = {
      ...hold,
      quantity: 2,
      seatIds: ['0b7e6c1a-2d3f-4a5b-8c9d-e0f1a2b3c4d5', 'a'],
      seatLabels: ['A1', 'A2'],
    };
    expect(ticketsFor(seats, now).map((t) => [t.seatId, t.seatLabel])).toEqual([
      [seats.seatIds[0], 'A1'],
      ['a', 'A2'],
    ]);
  });

  it('when a code is made, then it is 128 random bits in base64url (22 characters), never the same twice', () => {
    const codes = Array.from({ length: 1000 }, newTicketCode);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(codes).size).toBe(1000);
  });
});
