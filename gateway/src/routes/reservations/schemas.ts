import { Type, type Static } from '@sinclair/typebox';
import type { reservationV1 } from '@ticketing/contracts';

const SessionId = Type.String({ format: 'uuid' });
// Quantity and seat count are the reservation service's rules (400 INVALID_QUANTITY); only absurd sizes stop here.
const Quantity = Type.Integer({ minimum: -1000, maximum: 1000, description: '1 to 4 tickets' });
const QueueToken = Type.Optional(
  Type.String({ maxLength: 512, description: 'required when the session has its waiting room on' }),
);

export const HoldBody = Type.Union(
  [
    Type.Object(
      { sessionId: SessionId, quantity: Quantity, queueToken: QueueToken },
      { additionalProperties: false, title: 'By quantity' },
    ),
    Type.Object(
      {
        sessionId: SessionId,
        seatIds: Type.Array(Type.String({ maxLength: 64 }), {
          maxItems: 100,
          description: '1 to 4 seats of a seat-map session, all or none',
        }),
        queueToken: QueueToken,
      },
      { additionalProperties: false, title: 'By seats' },
    ),
  ],
  { description: 'quantity (quantity seating) or seatIds (a seat map), not both' },
);

export const HoldHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description: 'Required: one per purchase attempt (1 to 100 of A-Z a-z 0-9 _ - : .), sent again on retries',
    }),
  ),
});

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
  };
}
