import { Type } from '@sinclair/typebox';

const filter = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }));
const instant = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }));

export const AuditQuery = Type.Object(
  {
    actor: filter('the id of the user (or service) who acted'),
    action: filter('e.g. event.created, hold.cancelled, payment.created'),
    objectType: filter('e.g. event, session, hold, payment, user'),
    objectId: filter('the id of the object acted on'),
    from: instant('inclusive'),
    to: instant('exclusive'),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: "the previous page's nextCursor" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const AUDITED_SERVICES = ['auth', 'catalog', 'payment', 'reservation'] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];

export const AuditItem = Type.Object({
  service: Type.Union(AUDITED_SERVICES.map((name) => Type.Literal(name))),
  id: Type.String({ description: "the entry's id in its service, in decimal" }),
  actorId: Type.Union([Type.String(), Type.Null()], { description: 'null when the system acted on its own' }),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.String(), Type.Null()]),
  meta: Type.Record(Type.String(), Type.Unknown(), { description: 'what the action changed; never secrets' }),
  at: Type.String({ format: 'date-time', description: 'UTC, with the microseconds of the database' }),
});
