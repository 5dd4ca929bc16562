import type { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';

/** A canned catalog for the gateway's tests: one event, one seat-map session, every call recorded. */
export const EVENT_ID = '4f9a1c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
export const SESSION_ID = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
export const SEAT_ID = '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';

export const event = {
  id: EVENT_ID,
  title: 'Spring Concert',
  description: '',
  venue: 'Seoul Arena',
  status: 'DRAFT',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};

export const session = {
  id: SESSION_ID,
  eventId: EVENT_ID,
  startAt: '2027-03-01T10:00:00.000Z',
  salesOpenAt: '2027-02-01T10:00:00.000Z',
  salesCloseAt: '2027-03-01T10:00:00.000Z',
  price: { amountMinor: '99000', currency: 'KRW' },
  totalStock: 2,
  queueEnabled: true,
  admissionRatePerSec: 50,
  maxQueueLength: 0,
  seatingKind: 'SEAT_MAP',
  seats: [
    { id: SEAT_ID, label: 'A1', section: 'VIP', price: { amountMinor: '150000', currency: 'KRW' } },
    { id: SEAT_ID.replace('0c', '1c'), label: 'A2', section: '', price: null },
  ],
  remaining: 2,
  salesStatus: 'OPEN',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};

export const quantityBody = { startAt: '2027-03-01T19:00:00+09:00', price: 99000, currency: 'KRW', totalStock: 100 };

export interface UpstreamCall {
  method: string;
  request: any;
  authorization: unknown;
}

export interface FakeCatalog {
  methods: Record<string, MethodSpec>;
  calls: UpstreamCall[];
  /** When set, every method refuses with it. */
  failWith: AppError | null;
  lastCall(): UpstreamCall;
  reset(): void;
}

export function fakeCatalog(): FakeCatalog {
  const fake: FakeCatalog = {
    methods: {},
    calls: [],
    failWith: null,
    lastCall: () => fake.calls[fake.calls.length - 1]!,
    reset: () => {
      fake.calls.length = 0;
      fake.failWith = null;
    },
  };
  const canned = (method: string, answer: (request: any) => unknown): MethodSpec => ({
    access: 'public',
    handle: async (request, context) => {
      fake.calls.push({ method, request, authorization: context.metadata.get('authorization')[0] });
      if (fake.failWith) throw fake.failWith;
      return answer(request);
    },
  });
  fake.methods = {
    listEvents: canned('listEvents', () => ({ items: [event], nextCursor: '' })),
    getEvent: canned('getEvent', () => event),
    createEvent: canned('createEvent', (r) => ({ ...event, title: r.title, status: r.status })),
    updateEvent: canned('updateEvent', (r) => ({ ...event, ...r })),
    deleteEvent: canned('deleteEvent', () => ({})),
    listSessions: canned('listSessions', (r) => ({ items: [session], nextCursor: r.cursor ? '' : 'page-2' })),
    getSession: canned('getSession', () => session),
    createSession: canned('createSession', () => session),
    updateSession: canned('updateSession', () => ({ ...session, seatingKind: 'QUANTITY', seats: [] })),
  };
  return fake;
}
