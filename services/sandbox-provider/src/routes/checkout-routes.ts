import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { completeCheckout, findPayment } from '../app/complete-payment';
import type { ProviderDeps } from '../app/deps';
import { HTML_HEADERS, renderCheckoutPage, renderCompletedPage } from '../http/checkout-page';
import { CompleteAnswer, CompleteBody, PgPaymentParams } from './schemas';

const FORM = 'application/x-www-form-urlencoded';

/** The buyer's side: the page a browser opens, and the completion that a form or a program posts. */
export function checkoutRoutes(deps: ProviderDeps) {
  return async function register(app: FastifyInstance) {
    // The page's buttons post forms; only this scope reads them.
    app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    app.get<{ Params: Static<typeof PgPaymentParams> }>(
      '/checkout/:pgPaymentId',
      { schema: { params: PgPaymentParams } },
      async (request, reply) =>
        reply
          .code(200)
          .headers(HTML_HEADERS)
          .send(renderCheckoutPage(findPayment(deps, request.params.pgPaymentId))),
    );

    app.post<{ Params: Static<typeof PgPaymentParams>; Body: Static<typeof CompleteBody> }>(
      '/checkout/:pgPaymentId/complete',
      { schema: { params: PgPaymentParams, body: CompleteBody, response: { 202: CompleteAnswer } } },
      async (request, reply) => {
        const payment = completeCheckout(deps, request.params.pgPaymentId, request.body.outcome);
        if (request.headers['content-type']?.startsWith(FORM)) {
          return reply.code(202).headers(HTML_HEADERS).send(renderCompletedPage(payment));
        }
        return reply.code(202).send({ pgPaymentId: payment.pgPaymentId, status: payment.status });
      },
    );
  };
}
