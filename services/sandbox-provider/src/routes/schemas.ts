import { Type } from '@sinclair/typebox';

const Outcome = Type.Unsafe<'success' | 'fail'>({ type: 'string', enum: ['success', 'fail'] });

export const WebhookModesSchema = Type.Object(
  {
    delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000 })),
    duplicates: Type.Optional(Type.Boolean()),
    outOfOrder: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Minor units, so an integer; at least 1. */
const AmountMinor = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. KRW' });

export const CreatePaymentBody = Type.Object(
  {
    paymentId: Type.String({ minLength: 1, maxLength: 200 }),
    amount: AmountMinor,
    currency: Currency,
    webhook: Type.Optional(WebhookModesSchema),
  },
  { additionalProperties: false },
);

export const CreatePaymentAnswer = Type.Object({ pgPaymentId: Type.String(), sessionUrl: Type.String() });

export const PgPaymentParams = Type.Object({ pgPaymentId: Type.String({ minLength: 1, maxLength: 100 }) });

export const CompleteBody = Type.Object({ outcome: Outcome }, { additionalProperties: false });

export const CompleteAnswer = Type.Object({ pgPaymentId: Type.String(), status: Type.String() });

export const RefundBody = Type.Object(
  { pgPaymentId: Type.String({ minLength: 1, maxLength: 100 }), amount: AmountMinor },
  { additionalProperties: false },
);

export const RefundAnswer = Type.Object({ refundId: Type.String() });
