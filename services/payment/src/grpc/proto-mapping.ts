import type { paymentV1 } from '@ticketing/contracts';
import type { CallContext } from '@ticketing/grpc-kit';
import type { CallbackAnswer } from '../app/handle-provider-callback';
import type { PaymentView } from '../app/payment-view';

export function toProtoPayment(view: PaymentView): paymentV1.Payment {
  return {
    paymentId: view.paymentId,
    holdId: view.holdId,
    userId: view.userId,
    status: view.status,
    amount: { amountMinor: String(view.amountMinor), currency: view.currency },
    method: view.method as paymentV1.PaymentMethod,
    provider: view.provider,
    providerPaymentId: view.providerPaymentId,
    paymentSessionUrl: view.paymentSessionUrl,
    expiresAt: view.expiresAt,
    history: view.history,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  };
}

export function toProtoCallbackAnswer(answer: CallbackAnswer): paymentV1.HandleProviderCallbackResponse {
  return { duplicate: answer.duplicate, paymentId: answer.paymentId, status: answer.status };
}

/** Methods that need a user run after bindService verified the token, so a principal is there. */
export const principalOf = (context: CallContext) => context.principal!;

export const isAdmin = (context: CallContext) => context.principal?.roles.includes('ADMIN') ?? false;
