import { Type, type Static } from '@sinclair/typebox';
import type { reservationV1 } from '@ticketing/contracts';
import { codeIfInvalid, codeIfMissing } from '../../plugins/schema-error-codes';

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

export const HoldHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: '^[A-Za-z0-9_\\-:.]{1,100}$',
    description: 'One per purchase attempt (1 to 100 of A-Z a-z 0-9 _ - : .), sent again on retries',
    ...codeIfMissing('IDEMPOTENCY_KEY_REQUIRED'),
  }),
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
