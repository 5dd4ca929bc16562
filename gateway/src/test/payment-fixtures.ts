import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { HOLD, hold } from './reservation-fixtures';

/** A canned payment service for the gateway's tests: one payment of the fixture hold, every call recorded. */
export const PAYMENT = '6e0d2c4b-3a1f-4e8d-9c7b-5a4f3e2d1c0b';
/** A hold the fake refuses to check out as expired. */
export const EXPIRED_HOLD = '3c9f5a7b-2d4e-4f6a-9b8c-1d2e3f4a5b6c';
export const PG_PAYMENT = 'pg_7Hk2mQ9x';

/** X-Signature values the fake judges as the payment service would: well signed, forged, too old. */
export const SIGNED = `t=1767225600,v1=${'a'.repeat(64)}`;
export const FORGED = `t=1767225600,v1=${'f'.repeat(64)}`;
export const STALE = `t=1,v1=${'a'.repeat(64)}`;

export const payment = {
  paymentId: PAYMENT,
  holdId: HOLD,
  userId: 'buyer-1',
  status: 'PENDING',
  amount: { amountMinor: '110000', currency: 'KRW' },
  method: 'CARD',
  provider: 'sandbox',
  providerPaymentId: PG_PAYMENT,
  paymentSessionUrl: `http://127.0.0.1:8090/checkout/${PG_PAYMENT}`,
  expiresAt: hold.expiresAt,
  history: [
    { status: 'PENDING', at: '2026-12-01T10:00:05.000Z', reason: '' },
    { status: 'FAILED', at: '2026-12-01T10:01:00.000Z', reason: 'card declined' },
  ],
  createdAt: '2026-12-01T10:00:05.000Z',
  updatedAt: '2026-12-01T10:01:00.000Z',
};

/** The same payment as the REST API shows it. */
export const restPayment = {
  paymentId: PAYMENT,
  holdId: HOLD,
  status: 'PENDING',
  amount: 110000,
  currency: 'KRW',
  paymentSessionUrl: payment.paymentSessionUrl,
  expiresAt: hold.expiresAt,
  history: [
    { status: 'PENDING', at: '2026-12-01T10:00:05.000Z' },
    { status: 'FAILED', at: '2026-12-01T10:01:00.000Z', reason: 'card declined' },
  ],
  createdAt: payment.createdAt,
  updatedAt: payment.updatedAt,
};

type Method = 'checkout' | 'handleProviderCallback' | 'getPayment';
export type PaymentReceived = Record<Method, Array<{ request: any; caller: string | undefined }>>;

interface Webhook {
  pgPaymentId?: string;
  status?: string;
  amount?: number;
  currency?: string;
}

/** Judges a webhook as the payment service would: signature first, then the payment, then the amount. */
function judge(request: { rawBody: Buffer; signature: string }, seen: Set<string>) {
  if (request.signature === STALE) throw new AppError('SIGNATURE_EXPIRED', 'the timestamp is too old');
  if (request.signature !== SIGNED) throw new AppError('SIGNATURE_INVALID', 'the signature does not match');
  const body = JSON.parse(request.rawBody.toString('utf8')) as Webhook;
  if (body.pgPaymentId !== PG_PAYMENT) throw new AppError('NOT_FOUND', 'no such payment');
  if (body.amount !== 110000 || body.currency !== 'KRW') throw new AppError('AMOUNT_MISMATCH', 'not what was charged');
  const event = `${body.pgPaymentId}:${body.status}`;
  const duplicate = seen.has(event);
  seen.add(event);
  return { duplicate, paymentId: PAYMENT, status: body.status === 'SUCCESS' ? 'SUCCEEDED' : 'FAILED' };
}

export function fakePayment(): { methods: Record<string, MethodSpec>; received: PaymentReceived; reset(): void } {
  const received: PaymentReceived = { checkout: [], handleProviderCallback: [], getPayment: [] };
  const seen = new Set<string>();
  const recorded = (method: Method, answer: (request: any) => unknown): MethodSpec => ({
    access: 'public',
    handle: async (request, context) => {
      received[method].push({ request, caller: context.metadata.get('authorization')[0] as string | undefined });
      return answer(request);
    },
  });
  const methods: Record<string, MethodSpec> = {
    checkout: recorded('checkout', (request: { holdId: string }) => {
      if (request.holdId === EXPIRED_HOLD) throw new AppError('HOLD_EXPIRED', 'the hold has expired');
      if (request.holdId !== HOLD) throw new AppError('NOT_FOUND', 'hold not found');
      return payment;
    }),
    handleProviderCallback: recorded('handleProviderCallback', (request: { rawBody: Buffer; signature: string }) =>
      judge(request, seen),
    ),
    getPayment: recorded('getPayment', (request: { paymentId: string }) => {
      if (request.paymentId !== PAYMENT) throw new AppError('NOT_FOUND', 'payment not found');
      return payment;
    }),
  };
  return {
    methods,
    received,
    reset: () => {
      Object.values(received).forEach((list) => list.splice(0));
      seen.clear();
    },
  };
}
