import { Type, type Static } from '@sinclair/typebox';
import type { reservationV1 } from '@ticketing/contracts';
import { codeIfInvalid } from '../../plugins/schema-error-codes';
import { HoldTicketSchema, toHoldTicket } from '../tickets/schemas';

const SessionId = Type.String({ format: 'uuid' });
// The reservation service's own rule, checked here too so the document says it; out of range is still its code.
const Quantity = Type.Integer({
  minimum: 1,
  maximum: 4,
  description: '1 to 4 tickets',
  ...codeIfInvalid('INVALID_QUANTITY'),
});
const SeatIds = Type.Array(Type.String({ maxLength: 64 }), {
  minItems: 1,
  maxItems: 4,
  description: '1 to 4 seats of a seat-map session, all or none',
  ...codeIfInvalid('INVALID_QUANTITY'),
});
const QueueToken = Type.Optional(
  Type.String({
    maxLength: 512,
    description:
      'The queueToken from POST /api/queue/token. Required for a session with the waiting room on: a missing, ' +
      "another user's, still waiting or expired token is refused with 403 NOT_ADMITTED (its `reason` says which: " +
      'MISSING, INVALID, WAITING, EXPIRED). Sessions without the waiting room ignore it.',
  }),
);

export const HoldBody = Type.Union(
  [
    Type.Object(
      { sessionId: SessionId, quantity: Quantity, queueToken: QueueToken },
      { additionalProperties: false, title: 'By quantity' },
    ),
    Type.Object(
      { sessionId: SessionId, seatIds: SeatIds, queueToken: QueueToken },
      { additionalProperties: false, title: 'By seats' },
    ),
  ],
  { description: 'quantity (quantity seating) or seatIds (a seat map), not both' },
);

export const HoldParams = Type.Object({ holdId: Type.String({ maxLength: 64 }) }, { additionalProperties: false });

const STATUSES = ['ACTIVE', 'SOLD', 'EXPIRED', 'RELEASED', 'CANCELLED'] as const;
const Status = Type.Union(STATUSES.map((s) => Type.Literal(s)));

export const MyReservationsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
    status: Type.Optional(
      Type.Array(Status, { maxItems: 5, description: 'only these statuses; repeat to give several' }),
    ),
  },
  { additionalProperties: false },
);

export const HoldSchema = Type.Object({
  holdId: Type.String({ format: 'uuid' }),
  sessionId: Type.String({ format: 'uuid' }),
  quantity: Type.Integer(),
  seatIds: Type.Optional(Type.Array(Type.String())),
  seatLabels: Type.Optional(Type.Array(Type.String())),
  status: Status,
  expiresAt: Type.String({ format: 'date-time' }),
  event: Type.Object({
    eventId: Type.String(),
    title: Type.String(),
    startAt: Type.String({ format: 'date-time' }),
    venue: Type.String(),
  }),
  totalPrice: Type.Integer({ description: 'in minor units, fixed when the hold was taken' }),
  currency: Type.String(),
  tickets: Type.Optional(
    Type.Array(HoldTicketSchema, {
      description: 'once sold: one per unit or seat, VALID, or CANCELLED with the order (the QR route shows each)',
    }),
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const SalesParams = Type.Object({ sessionId: SessionId }, { additionalProperties: false });

export const SalesQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

export const SalesSchema = Type.Object({
  sessionId: Type.String({ format: 'uuid' }),
  total: Type.Integer(),
  available: Type.Integer(),
  held: Type.Integer(),
  sold: Type.Integer(),
  buyers: Type.Array(
    Type.Object({
      userId: Type.String(),
      holdId: Type.String(),
      quantity: Type.Integer(),
      seatLabels: Type.Array(Type.String()),
      status: Status,
      createdAt: Type.String({ format: 'date-time' }),
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page of buyers' }),
  ticketsSold: Type.Integer({ description: 'tickets issued and not cancelled' }),
  revenue: Type.Object(
    { amount: Type.Integer({ description: 'in minor units' }), currency: Type.String() },
    { description: 'what the sold holds were sold for' },
  ),
});

export function toHold(hold: reservationV1.Hold__Output): Static<typeof HoldSchema> {
  return {
    holdId: hold.holdId,
    sessionId: hold.sessionId,
    quantity: hold.quantity,
    ...(hold.seatIds.length > 0 ? { seatIds: hold.seatIds, seatLabels: hold.seatLabels } : {}),
    status: hold.status as Static<typeof HoldSchema>['status'],
    expiresAt: hold.expiresAt,
    event: {
      eventId: hold.event?.eventId ?? '',
      title: hold.event?.title ?? '',
      startAt: hold.event?.startAt ?? '',
      venue: hold.event?.venue ?? '',
    },
    totalPrice: Number(hold.totalPrice?.amountMinor ?? 0),
    currency: hold.totalPrice?.currency ?? '',
    ...(hold.tickets.length > 0 ? { tickets: hold.tickets.map(toHoldTicket) } : {}),
    createdAt: hold.createdAt,
    updatedAt: hold.updatedAt,
  };
}

export function toSales(sales: reservationV1.GetSessionSalesResponse__Output): Static<typeof SalesSchema> {
  return {
    sessionId: sales.sessionId,
    total: sales.total,
    available: sales.available,
    held: sales.held,
    sold: sales.sold,
    buyers: sales.buyers.map((b) => ({
      userId: b.userId,
      holdId: b.holdId,
      quantity: b.quantity,
      seatLabels: b.seatLabels,
      status: b.status as Static<typeof HoldSchema>['status'],
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
    })),
    nextCursor: sales.nextCursor || null,
    ticketsSold: sales.ticketsSold,
    revenue: { amount: Number(sales.revenue?.amountMinor ?? 0), currency: sales.revenue?.currency ?? '' },
  };
}
