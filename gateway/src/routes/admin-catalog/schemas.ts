import { Type } from '@sinclair/typebox';

/**
 * Request bodies of the admin catalog API. Every size is bounded here so oversized input is
 * refused before any service sees it; the catalog checks the rules that span fields.
 */
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Venue = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 5000 });
const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO-8601 with a time zone' });
const Minor = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'integer amount in minor units' });
const QueueSettings = {
  queueEnabled: Type.Optional(Type.Boolean()),
  admissionRatePerSec: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100_000, description: '0: the queue default' }),
  ),
  maxQueueLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: '0: the queue default' })),
};

export const CreateEventBody = Type.Object(
  {
    title: Title,
    description: Type.Optional(Description),
    venue: Venue,
    status: Type.Optional(Type.Union([Type.Literal('DRAFT'), Type.Literal('PUBLISHED')], { default: 'DRAFT' })),
  },
  { additionalProperties: false },
);

export const UpdateEventBody = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    venue: Type.Optional(Venue),
    status: Type.Optional(Type.Union([Type.Literal('DRAFT'), Type.Literal('PUBLISHED'), Type.Literal('CANCELLED')])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SeatInput = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 20 }),
    section: Type.Optional(Type.String({ maxLength: 20 })),
    price: Type.Optional(Minor),
  },
  { additionalProperties: false },
);

export const CreateSessionBody = Type.Object(
  {
    startAt: Instant,
    salesOpenAt: Type.Optional(Instant),
    salesCloseAt: Type.Optional(Instant),
    price: Minor,
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO-4217, e.g. KRW' }),
    totalStock: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'quantity seating; or send seats' }),
    ),
    seats: Type.Optional(
      Type.Array(SeatInput, { minItems: 1, maxItems: 10_000, description: 'a seat map; or send totalStock' }),
    ),
    ...QueueSettings,
  },
  { additionalProperties: false },
);

export const UpdateSessionBody = Type.Object(
  {
    startAt: Type.Optional(Instant),
    salesOpenAt: Type.Optional(Instant),
    salesCloseAt: Type.Optional(Instant),
    price: Type.Optional(Minor),
    totalStock: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'quantity seating only; not below held + sold' }),
    ),
    ...QueueSettings,
  },
  { additionalProperties: false, minProperties: 1 },
);
