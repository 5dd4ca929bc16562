import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';

/** A canned reservation service for the gateway's tests: one hold, every call recorded with its caller. */
export const SESSION = '8d3f0c2a-5b7e-4f1a-9c2d-3e4f5a6b7c8d';
export const HOLD = '2b8e4f6a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
/** A queue token the fake refuses as still waiting. */
export const NOT_ADMITTED_TOKEN = 'qt1.still-waiting.sig';

export const hold = {
  holdId: HOLD,
  sessionId: SESSION,
  userId: 'buyer-1',
  quantity: 2,
  seatIds: [],
  seatLabels: [],
  status: 'ACTIVE',
  expiresAt: '2026-12-01T10:02:00.000Z',
  event: {
    eventId: '4f9a1c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
    title: 'Spring Concert',
    startAt: '2026-12-24T19:00:00.000Z',
    venue: 'Seoul Arena',
  },
  totalPrice: { amountMinor: '110000', currency: 'KRW' },
  tickets: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

/** The same hold as the REST API shows it. */
export const restHold = {
  holdId: HOLD,
  sessionId: SESSION,
  quantity: 2,
  status: 'ACTIVE',
  expiresAt: hold.expiresAt,
  event: hold.event,
  totalPrice: 110000,
  currency: 'KRW',
  createdAt: hold.createdAt,
  updatedAt: hold.updatedAt,
};

type Method = 'hold' | 'release' | 'getHold' | 'listMyReservations' | 'getSessionSales';
export type Received = Record<
  Method,
  Array<{ request: any; caller: string | undefined; roles?: string[]; gateway?: string | undefined }>
>;

const sales = {
  sessionId: SESSION,
  total: 10,
  available: 6,
  held: 2,
  sold: 2,
  buyers: [
    {
      userId: 'buyer-1',
      holdId: HOLD,
      quantity: 2,
      seatLabels: [],
      status: 'SOLD',
      createdAt: hold.createdAt,
      updatedAt: hold.updatedAt,
    },
  ],
  nextCursor: 'more',
  ticketsSold: 2,
  revenue: { amountMinor: '110000', currency: 'KRW' },
};

type HoldRequest = { selection?: string; quantity?: number; seats?: { seatIds: string[] }; queueToken?: string };
type BatchItem = { userId: string; roles: string[]; request: HoldRequest };

/**
 * Quantity 3 is refused with PER_USER_LIMIT_EXCEEDED, NOT_ADMITTED_TOKEN with NOT_ADMITTED, an unknown hold
 * id with NOT_FOUND; the quantity rule is the gateway's schema now, so the fake does not repeat it.
 */
export function fakeReservation(): { methods: Record<string, MethodSpec>; received: Received; reset(): void } {
  const received: Received = { hold: [], release: [], getHold: [], listMyReservations: [], getSessionSales: [] };
  const recorded = (method: Method, answer: (request: any) => unknown): MethodSpec => ({
    access: 'public',
    handle: async (request, context) => {
      received[method].push({ request, caller: context.metadata.get('authorization')[0] as string | undefined });
      return answer(request);
    },
  });
  const answerHold = (request: HoldRequest) => {
    if (request.queueToken === NOT_ADMITTED_TOKEN)
      throw new AppError('NOT_ADMITTED', 'not admitted yet', { reason: 'WAITING' });
    if (request.quantity === 3)
      throw new AppError('PER_USER_LIMIT_EXCEEDED', 'you may take 1 more', { remainingAllowance: 1 });
    if (request.selection !== 'seats') return hold;
    const seatIds = request.seats!.seatIds;
    return { ...hold, seatIds, seatLabels: seatIds.map((_, i) => `A${i + 1}`) };
  };
  const methods: Record<string, MethodSpec> = {
    // The gateway's path: each item is recorded as a hold, its caller the buyer the gateway vouched for.
    holdBatch: {
      access: 'public',
      handle: async (request: { items: BatchItem[] }, context) => {
        const gateway = context.metadata.get('authorization')[0] as string | undefined;
        return {
          results: request.items.map((item) => {
            received.hold.push({ request: item.request, caller: item.userId, roles: item.roles, gateway });
            try {
              return { hold: answerHold(item.request) };
            } catch (error) {
              const { code, message, details } = error as AppError;
              return { error: { code, message, detailsJson: JSON.stringify(details) } };
            }
          }),
        };
      },
    },
    release: recorded('release', (request: { holdId: string }) => {
      if (request.holdId !== HOLD) throw new AppError('NOT_FOUND', 'hold not found');
      return {};
    }),
    getHold: recorded('getHold', (request: { holdId: string }) => {
      if (request.holdId !== HOLD) throw new AppError('NOT_FOUND', 'hold not found');
      return hold;
    }),
    listMyReservations: recorded('listMyReservations', () => ({ items: [hold], nextCursor: '' })),
    getSessionSales: recorded('getSessionSales', () => sales),
  };
  return { methods, received, reset: () => Object.values(received).forEach((list) => list.splice(0)) };
}
