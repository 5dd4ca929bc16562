import { parseSessionDeleted, parseSessionState, planStock } from './session-state';

const payload = {
  sessionId: '8d3f0c2a-5b7e-4f1a-9c2d-3e4f5a6b7c8d',
  eventId: '4f9a1c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
  eventTitle: 'Spring Concert',
  venue: 'Seoul Arena',
  eventStatus: 'PUBLISHED',
  startAt: '2026-12-24T19:00:00.000Z',
  salesOpenAt: '2026-12-01T10:00:00.000Z',
  salesCloseAt: '2026-12-24T18:00:00.000Z',
  seatingKind: 'QUANTITY',
  totalStock: 10,
  priceMinor: 55000,
  currency: 'KRW',
  queueEnabled: false,
  version: 2,
};
const seat = { id: '00000000-0000-4000-8000-00000000000a', label: 'A1', section: 'A', priceMinor: 70000 };

describe('session state from catalog events', () => {
  it('when the payload is a whole session, then it parses with dates and seats', () => {
    const parsed = parseSessionState({ ...payload, seatingKind: 'SEAT_MAP', totalStock: 1, seats: [seat] });
    expect(parsed).toMatchObject({
      state: { sessionId: payload.sessionId, startAt: new Date(payload.startAt), seats: [seat], version: 2 },
    });
  });

  it('when optional facts are missing, then an event is taken as published without a queue', () => {
    const { eventStatus: _s, queueEnabled: _q, ...minimal } = payload;
    expect(parseSessionState(minimal)).toMatchObject({ state: { eventStatus: 'PUBLISHED', queueEnabled: false } });
  });

  it('when the payload cannot be a session, then the problem is named instead of a crash', () => {
    expect(parseSessionState({ ...payload, totalStock: -1 })).toEqual({ problem: expect.stringMatching(/totalStock/) });
    expect(parseSessionState({ ...payload, sessionId: 'x' })).toEqual({ problem: expect.stringMatching(/sessionId/) });
    expect(parseSessionState({ ...payload, seatingKind: 'SEAT_MAP', totalStock: 2, seats: [seat] })).toEqual({
      problem: expect.stringMatching(/seats/),
    });
    expect(parseSessionState(null)).toEqual({ problem: expect.any(String) });
  });

  it('when a session is deleted, then its id and version are read', () => {
    expect(parseSessionDeleted({ sessionId: payload.sessionId, eventId: payload.eventId, version: 3 })).toEqual({
      deleted: { sessionId: payload.sessionId, version: 3 },
    });
    expect(parseSessionDeleted({ sessionId: 'nope', version: 3 })).toEqual({ problem: expect.any(String) });
  });

  it('stockIsCreatedFromTheFirstEvent: every ticket starts available', () => {
    expect(planStock(null, 10, 1)).toEqual({
      kind: 'create',
      counters: { total: 10, available: 10, held: 0, sold: 0 },
    });
  });

  it('staleVersionIsIgnored: an event not newer than what is stored changes nothing', () => {
    const current = { catalogVersion: 3, counters: { total: 10, available: 7, held: 3, sold: 0 } };
    expect(planStock(current, 50, 3)).toEqual({ kind: 'stale' });
    expect(planStock(current, 50, 2)).toEqual({ kind: 'stale' });
  });

  it('totalChangeMovesAvailable: a newer total moves available by the difference', () => {
    const current = { catalogVersion: 3, counters: { total: 10, available: 7, held: 3, sold: 0 } };
    expect(planStock(current, 12, 4)).toEqual({
      kind: 'update',
      counters: { total: 12, available: 9, held: 3, sold: 0 },
      totalChanged: true,
    });
    expect(planStock(current, 10, 4)).toEqual({ kind: 'update', counters: current.counters, totalChanged: false });
  });

  it('totalBelowTakenIsRefused: the other facts apply, the total stays and the reason is given', () => {
    const current = { catalogVersion: 3, counters: { total: 10, available: 5, held: 3, sold: 2 } };
    expect(planStock(current, 4, 4)).toEqual({
      kind: 'update',
      counters: current.counters,
      totalChanged: false,
      totalRefused: expect.stringMatching(/below/),
    });
  });
});
