import type { paymentV1 } from '@ticketing/contracts';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { checkout } from '../app/checkout';
import type { PaymentDeps } from '../app/deps';
import { getPayment } from '../app/get-payment';
import type { ProviderCallbacks } from '../app/handle-provider-callback';
import { auditHandlers } from '@ticketing/audit';
import { isAdmin, principalOf, toProtoCallbackAnswer, toProtoPayment } from './proto-mapping';

/** Thin handlers: proto in, use case, proto out. */
export function paymentHandlers(deps: PaymentDeps, callbacks: ProviderCallbacks): Record<string, MethodSpec> {
  return {
    ...auditHandlers(deps.orm),
    checkout: {
      access: { roles: ['USER'] },
      handle: async (request: paymentV1.CheckoutRequest__Output, context): Promise<paymentV1.Payment> => {
        const { subject, token } = principalOf(context);
        context.addLogFields(() => ({ action: 'checkout', holdId: request.holdId }));
        const view = await checkout(
          deps,
          { userId: subject, token },
          { holdId: request.holdId, method: request.method, idempotencyKey: request.idempotencyKey },
        );
        context.addLogFields(() => ({ paymentId: view.paymentId }));
        return toProtoPayment(view);
      },
    },
    // Public: the provider has no token; the signature over the raw body is what authenticates it.
    handleProviderCallback: {
      access: 'public',
      handle: async (
        request: paymentV1.HandleProviderCallbackRequest__Output,
        context,
      ): Promise<paymentV1.HandleProviderCallbackResponse> => {
        context.addLogFields(() => ({ action: 'provider-callback' }));
        const answer = await callbacks.handle({
          rawBody: request.rawBody,
          signature: request.signature,
          provider: request.provider,
        });
        context.addLogFields(() => ({ paymentId: answer.paymentId, callbackOutcome: answer.outcome }));
        return toProtoCallbackAnswer(answer);
      },
    },
    getPayment: {
      access: { roles: ['USER', 'ADMIN'] },
      handle: async (request: paymentV1.GetPaymentRequest__Output, context): Promise<paymentV1.Payment> =>
        toProtoPayment(
          await getPayment(
            deps,
            { subject: principalOf(context).subject, isAdmin: isAdmin(context) },
            request.paymentId,
          ),
        ),
    },
  };
}
