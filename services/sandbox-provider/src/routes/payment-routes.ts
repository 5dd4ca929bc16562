import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createPayment, sessionUrlOf } from '../app/create-payment';
import type { ProviderDeps } from '../app/deps';
import { refund } from '../app/refund-payment';
import { CreatePaymentAnswer, CreatePaymentBody, RefundAnswer, RefundBody } from './schemas';

/** The merchant's API: the payment service's provider client calls these. */
export function paymentRoutes(deps: ProviderDeps) {
  return async function register(app: FastifyInstance) {
    app.post<{ Body: Static<typeof CreatePaymentBody> }>(
      '/v1/payments',
      { schema: { body: CreatePaymentBody, response: { 201: CreatePaymentAnswer } } },
      async (request, reply) => {
        const payment = createPayment(deps, request.body);
        return reply.code(201).send({ pgPaymentId: payment.pgPaymentId, sessionUrl: sessionUrlOf(deps, payment) });
      },
    );

    app.post<{ Body: Static<typeof RefundBody> }>(
      '/v1/refunds',
      { schema: { body: RefundBody, response: { 202: RefundAnswer } } },
      async (request, reply) => reply.code(202).send(refund(deps, request.body.pgPaymentId, request.body.amount)),
    );
  };
}
