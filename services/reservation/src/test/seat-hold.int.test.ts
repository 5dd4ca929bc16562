import { randomUUID } from 'node:crypto';
import { queryOnce } from '@ticketing/testing';
import { markHoldSold } from '../app/mark-hold-sold';
import { countersOf, outcomeOf, seatRequest, seedSession, startTestReservation, type TestReservation } from './harness';

/** Seat-map sessions: seats go AVAILABLE -> HELD -> SOLD by conditional updates, all requested seats or none. */
describe('seat holds against PostgreSQL', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_seats');
  });
  afterAll(() => sys.close());

  async function seatSession(labels: string[]) {
    const seats = labels.map((label, i) => ({
      id: randomUUID(),
      label,
      section: label[0]!,
      priceMinor: 50000 + i * 1000,
    }));
    const session = await seedSession(sys.app, { seatingKind: 'SEAT_MAP', totalStock: seats.length, seats });
    const id = Object.fromEntries(seats.map((s) => [s.label, s.id]));
    return { sessionId: session.sessionId, id };
  }
  const seatStatus = async (sessionId: string) =>
    Object.fromEntries(
      (
        await queryOnce<{ label: string; status: string }>(
          sys.url,
          'select label, status from seat where session_id = $1 order by label',
          [sessionId],
        )
      ).map((r) => [r.label, r.status]),
    );

  it('seatHoldTakesEveryRequestedSeat: the seats are HELD for the hold, priced seat by seat, in the order asked', async () => {
    const { sessionId, id } = await seatSession(['A1', 'A2', 'A3']);
    const hold = await sys.call('hold', seatRequest(sessionId, [id.A3!, id.A1!]), 'user:s1');
    expect(hold).toMatchObject({
      quantity: 2,
      seatIds: [id.A3, id.A1],
      seatLabels: ['A3', 'A1'],
      totalPrice: { amountMinor: String(52000 + 50000) },
    });
    expect(await seatStatus(sessionId)).toEqual({ A1: 'HELD', A2: 'AVAILABLE', A3: 'HELD' });
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ total: 3, available: 1, held: 2 });
  });

  it('seatHoldIsAllOrNothing: one taken seat refuses the whole request with SEAT_UNAVAILABLE naming it, and nothing is held', async () => {
    const { sessionId, id } = await seatSession(['B1', 'B2', 'B3', 'B4']);
    await sys.call('hold', seatRequest(sessionId, [id.B2!]), 'user:s2');
    const before = await countersOf(sys.url, sessionId);
    await expect(sys.call('hold', seatRequest(sessionId, [id.B1!, id.B2!, id.B3!]), 'user:s3')).rejects.toMatchObject({
      code: 'SEAT_UNAVAILABLE',
      details: { seatIds: [id.B2], seatLabels: ['B2'] },
    });
    expect(await seatStatus(sessionId)).toEqual({ B1: 'AVAILABLE', B2: 'HELD', B3: 'AVAILABLE', B4: 'AVAILABLE' });
    expect(await countersOf(sys.url, sessionId)).toEqual(before);
  });

  it('seatsOfAnotherSessionOrRepeatedAreRefused: unknown seats INVALID_ARGUMENT, five seats INVALID_QUANTITY', async () => {
    const { sessionId, id } = await seatSession(['C1', 'C2', 'C3', 'C4', 'C5']);
    await expect(sys.call('hold', seatRequest(sessionId, [id.C1!, randomUUID()]), 'user:s4')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(sys.call('hold', seatRequest(sessionId, [id.C1!, id.C1!]), 'user:s4')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      sys.call('hold', seatRequest(sessionId, Object.values(id) as string[]), 'user:s4'),
    ).rejects.toMatchObject({ code: 'INVALID_QUANTITY' });
    await expect(
      sys.call('hold', { sessionId, quantity: 1, idempotencyKey: 'q-on-seats' }, 'user:s4'),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ available: 5, held: 0 });
  });

  it('seatsCountInThePerUserLimit: three seats then two more is PER_USER_LIMIT_EXCEEDED', async () => {
    const { sessionId, id } = await seatSession(['D1', 'D2', 'D3', 'D4', 'D5', 'D6']);
    await sys.call('hold', seatRequest(sessionId, [id.D1!, id.D2!, id.D3!]), 'user:s5');
    await expect(sys.call('hold', seatRequest(sessionId, [id.D4!, id.D5!]), 'user:s5')).rejects.toMatchObject({
      code: 'PER_USER_LIMIT_EXCEEDED',
      details: { remainingAllowance: 1 },
    });
    await expect(sys.call('hold', seatRequest(sessionId, [id.D4!]), 'user:s5')).resolves.toMatchObject({
      seatLabels: ['D4'],
    });
  });

  it('concurrentBuyersOfOneSeat: exactly one gets it, the others SEAT_UNAVAILABLE', async () => {
    const { sessionId, id } = await seatSession(['E1', 'E2']);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => outcomeOf(sys.call('hold', seatRequest(sessionId, [id.E1!]), `user:e${i}`))),
    );
    expect(outcomes.filter((o) => o.code === 'OK')).toHaveLength(1);
    expect(outcomes.filter((o) => o.code !== 'OK').map((o) => o.code)).toEqual(Array(9).fill('SEAT_UNAVAILABLE'));
    expect(await seatStatus(sessionId)).toEqual({ E1: 'HELD', E2: 'AVAILABLE' });
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ total: 2, available: 1, held: 1 });
  });

  it('releasedAndSoldSeats: a release frees the seats, a sale makes them SOLD', async () => {
    const { sessionId, id } = await seatSession(['F1', 'F2', 'F3']);
    const released = await sys.call('hold', seatRequest(sessionId, [id.F1!, id.F2!]), 'user:s6');
    await sys.call('release', { holdId: released.holdId }, 'user:s6');
    expect(await seatStatus(sessionId)).toEqual({ F1: 'AVAILABLE', F2: 'AVAILABLE', F3: 'AVAILABLE' });
    const sold = await sys.call('hold', seatRequest(sessionId, [id.F2!, id.F3!]), 'user:s7');
    await markHoldSold(sys.app.deps, sold.holdId);
    expect(await seatStatus(sessionId)).toEqual({ F1: 'AVAILABLE', F2: 'SOLD', F3: 'SOLD' });
    expect(await countersOf(sys.url, sessionId)).toMatchObject({ total: 3, available: 1, held: 0, sold: 2 });
  });
});
