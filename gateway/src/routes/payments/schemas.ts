import { Type, type Static } from '@sinclair/typebox';
import type { paymentV1 } from '@ticketing/contracts';

const STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUND_PENDING', 'REFUNDED'] as const;
const Status = Type.Union(
  STATUSES.map((s) => Type.Literal(s)),
  {
    description:
      'PENDING until the provider answers; SUCCEEDED (the hold becomes SOLD) or FAILED (the hold is released); ' +
      'REFUND_PENDING then REFUNDED after a cancellation, or a success too late to be honoured',
  },
);

export const CheckoutBody = Type.Object(
  {
    holdId: Type.String({ format: 'uuid', description: 'an ACTIVE hold of yours' }),
    method: Type.Literal('CARD', { description: 'the only method for now' }),
  },
  { additionalProperties: false, description: "The amount is the hold's price, never the client's" },
);

export const PaymentParams = Type.Object(
  { paymentId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

export const PaymentSchema = Type.Object({
  paymentId: Type.String({ format: 'uuid' }),
  holdId: Type.String({ format: 'uuid' }),
  status: Status,
  amount: Type.Integer({ description: "in minor units: the hold's price" }),
  currency: Type.String(),
  paymentSessionUrl: Type.String({ format: 'uri', description: 'where the buyer pays, at the provider' }),
  expiresAt: Type.String({ format: 'date-time', description: "the hold's expiry: pay before it" }),
  history: Type.Array(
    Type.Object({
      status: Status,
      at: Type.String({ format: 'date-time' }),
      reason: Type.Optional(Type.String({ description: 'why, for FAILED and refunds' })),
    }),
    { description: 'every status the payment has had, oldest first' },
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

type PaymentStatus = Static<typeof Status>;

export function toPayment(payment: paymentV1.Payment__Output): Static<typeof PaymentSchema> {
  return {
    paymentId: payment.paymentId,
    holdId: payment.holdId,
    status: payment.status as PaymentStatus,
    amount: Number(payment.amount?.amountMinor ?? 0),
    currency: payment.amount?.currency ?? '',
    paymentSessionUrl: payment.paymentSessionUrl,
    expiresAt: payment.expiresAt,
    history: payment.history.map((entry) => ({
      status: entry.status as PaymentStatus,
      at: entry.at,
      ...(entry.reason ? { reason: entry.reason } : {}),
    })),
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
  };
}

export const WebhookHeaders = Type.Object({
  'x-signature': Type.String({
    description:
      't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the shared secret>; missing or wrong: 401, ' +
      'a timestamp over 5 minutes away: 400',
  }),
});

export const WebhookBody = Type.Object(
  {
    pgPaymentId: Type.String({ description: "the provider's payment id" }),
    status: Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAIL'), Type.Literal('REFUNDED')]),
    amount: Type.Integer({ description: 'minor units; must match the payment (else 409 AMOUNT_MISMATCH)' }),
    currency: Type.String(),
  },
  {
    description:
      'Signed over its exact bytes, so it reaches the payment service unparsed; the payment service checks the ' +
      'signature first and then this shape.',
  },
);

export const WebhookAnswer = Type.Object({
  received: Type.Literal(true),
  duplicate: Type.Boolean({ description: 'this copy changed nothing: the same event was handled before' }),
});
