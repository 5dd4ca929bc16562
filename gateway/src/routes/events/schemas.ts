import { Type, type Static } from '@sinclair/typebox';
import type { catalogV1 } from '@ticketing/contracts';

export const EventParams = Type.Object({ eventId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const SessionParams = Type.Object(
  { sessionId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

const SalesStatus = Type.Union(
  [Type.Literal('OPEN'), Type.Literal('NOT_YET_OPEN'), Type.Literal('SOLD_OUT'), Type.Literal('CLOSED')],
  {
    description: 'Derived from now, the sales window and remaining; remaining may lag the truth by up to a second',
  },
);
const SeatingKind = Type.Union([Type.Literal('QUANTITY'), Type.Literal('SEAT_MAP')]);
const Minor = Type.Integer({ minimum: 0, description: 'integer amount in minor units of the currency (KRW has none)' });

export const SeatSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  label: Type.String(),
  section: Type.String(),
  price: Type.Union([Minor, Type.Null()], { description: 'null: the session price' }),
});

/** One session in the public listing. */
export const SessionSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  startAt: Type.String({ format: 'date-time' }),
  salesOpenAt: Type.String({ format: 'date-time' }),
  salesCloseAt: Type.String({ format: 'date-time' }),
  price: Minor,
  currency: Type.String(),
  remaining: Type.Integer(),
  totalStock: Type.Integer(),
  queueEnabled: Type.Boolean(),
  seatingKind: SeatingKind,
  status: SalesStatus,
});

export const SessionDetail = Type.Composite([
  SessionSummary,
  Type.Object({
    eventId: Type.String({ format: 'uuid' }),
    seats: Type.Optional(Type.Array(SeatSchema, { description: 'seat maps only' })),
  }),
]);

export const AdminSession = Type.Composite([
  SessionDetail,
  Type.Object({
    admissionRatePerSec: Type.Integer({ description: '0: the queue default' }),
    maxQueueLength: Type.Integer({ description: '0: the queue default' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
]);

const minor = (money: { amountMinor: string } | null) => Number(money?.amountMinor ?? 0);

export function toSessionSummary(s: catalogV1.Session__Output): Static<typeof SessionSummary> {
  return {
    id: s.id,
    startAt: s.startAt,
    salesOpenAt: s.salesOpenAt,
    salesCloseAt: s.salesCloseAt,
    price: minor(s.price),
    currency: s.price?.currency ?? '',
    remaining: s.remaining,
    totalStock: s.totalStock,
    queueEnabled: s.queueEnabled,
    seatingKind: s.seatingKind as Static<typeof SeatingKind>,
    status: s.salesStatus as Static<typeof SalesStatus>,
  };
}

export function toSessionDetail(s: catalogV1.Session__Output): Static<typeof SessionDetail> {
  const seats =
    s.seatingKind === 'SEAT_MAP'
      ? s.seats.map((seat) => ({
          id: seat.id,
          label: seat.label,
          section: seat.section,
          price: seat.price ? minor(seat.price) : null,
        }))
      : undefined;
  return { ...toSessionSummary(s), eventId: s.eventId, ...(seats ? { seats } : {}) };
}

export function toAdminSession(s: catalogV1.Session__Output): Static<typeof AdminSession> {
  return {
    ...toSessionDetail(s),
    admissionRatePerSec: s.admissionRatePerSec,
    maxQueueLength: s.maxQueueLength,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
