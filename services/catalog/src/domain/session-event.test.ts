import { payloadBytes, sessionEventPayload, type SessionFacts } from './session-event';

const session: SessionFacts = {
  id: 's-1',
  eventId: 'e-1',
  startAt: new Date('2027-03-01T10:00:00Z'),
  salesOpenAt: new Date('2027-02-01T10:00:00Z'),
  salesCloseAt: new Date('2027-03-01T10:00:00Z'),
  priceMinor: 99000,
  currency: 'KRW',
  seatingKind: 'SEAT_MAP',
  totalStock: 2,
  queueEnabled: true,
  admissionRatePerSec: 50,
  maxQueueLength: 0,
  version: 3,
};
const event = { title: 'Spring Concert', venue: 'Seoul Arena', status: 'PUBLISHED' as const };

describe('session event payload', () => {
  it('when a seat has no price of its own, then the payload carries the session price for it', () => {
    const payload = sessionEventPayload(session, event, [
      { id: 'seat-1', label: 'A1', section: 'VIP', priceMinor: 150000 },
      { id: 'seat-2', label: 'A2', section: '', priceMinor: null },
    ]);
    expect(payload.seats).toEqual([
      { id: 'seat-1', label: 'A1', section: 'VIP', priceMinor: 150000 },
      { id: 'seat-2', label: 'A2', section: '', priceMinor: 99000 },
    ]);
  });

  it('when the session sells quantities, then there is no seats field and times are ISO strings', () => {
    const payload = sessionEventPayload({ ...session, seatingKind: 'QUANTITY', totalStock: 500 }, event, null);
    expect(payload).toEqual({
      sessionId: 's-1',
      eventId: 'e-1',
      eventTitle: 'Spring Concert',
      venue: 'Seoul Arena',
      eventStatus: 'PUBLISHED',
      startAt: '2027-03-01T10:00:00.000Z',
      salesOpenAt: '2027-02-01T10:00:00.000Z',
      salesCloseAt: '2027-03-01T10:00:00.000Z',
      seatingKind: 'QUANTITY',
      totalStock: 500,
      priceMinor: 99000,
      currency: 'KRW',
      queueEnabled: true,
      admissionRatePerSec: 50,
      maxQueueLength: 0,
      version: 3,
    });
  });

  it('when sizing a payload, then multi-byte characters count as their UTF-8 bytes', () => {
    expect(payloadBytes({ t: '공연' })).toBe('{"t":""}'.length + 6);
  });
});
