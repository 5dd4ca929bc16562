import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { paymentV1 } from '@ticketing/contracts';
import { errorAnswers, IdempotencyKeyHeaders } from '../schemas';
import providerCallbackRoute from './callback';
import { CheckoutBody, PaymentParams, PaymentSchema, toPayment } from './schemas';

export interface PaymentRoutesOptions {
  webhookRateLimitPerMin: number;
  checkoutDeadlineMs: number;
}

const security = [{ bearerAuth: [] }];

export default async function paymentRoutes(app: FastifyInstance, options: PaymentRoutesOptions) {
  app.post<{ Body: Static<typeof CheckoutBody>; Headers: Static<typeof IdempotencyKeyHeaders> }>(
    '/api/payments/checkout',
    {
      config: { access: 'user' },
      schema: {
        tags: ['payments'],
        summary:
          'Start paying for an active hold of yours: one payment per hold, so a second checkout returns the same one',
        security,
        headers: IdempotencyKeyHeaders,
        body: CheckoutBody,
        response: { 201: PaymentSchema, ...errorAnswers({ access: 'user', body: true }, 404, 409) },
      },
    },
    async (request, reply) => {
      const payment = await app.upstream<paymentV1.Payment__Output>(
        'payment',
        'checkout',
        {
          holdId: request.body.holdId,
          method: request.body.method,
          idempotencyKey: request.headers['idempotency-key'],
        },
        request,
        { deadlineMs: options.checkoutDeadlineMs },
      );
      return reply.code(201).send(toPayment(payment));
    },
  );

  app.get<{ Params: Static<typeof PaymentParams> }>(
    '/api/payments/:paymentId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['payments'],
        summary: 'One of your payments with its history (an admin may read any)',
        security,
        params: PaymentParams,
        response: { 200: PaymentSchema, ...errorAnswers({ access: 'user' }, 404) },
      },
    },
    async (request) =>
      toPayment(
        await app.upstream<paymentV1.Payment__Output>(
          'payment',
          'getPayment',
          { paymentId: request.params.paymentId },
          request,
        ),
      ),
  );

  await app.register(providerCallbackRoute, { perMinute: options.webhookRateLimitPerMin });
}
