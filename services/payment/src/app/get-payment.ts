import { Sql } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { isUuid } from '../domain/checkout-rules';
import type { PaymentDeps } from './deps';
import { readPaymentView, type PaymentView } from './payment-view';

export interface Reader {
  subject: string;
  isAdmin: boolean;
}

/** Someone else's payment is NOT_FOUND, not FORBIDDEN: its existence is not the caller's business. */
export async function getPayment(deps: PaymentDeps, reader: Reader, paymentId: string): Promise<PaymentView> {
  const view = isUuid(paymentId) ? await readPaymentView(new Sql(deps.orm.em.fork()), paymentId) : null;
  if (!view || (!reader.isAdmin && view.userId !== reader.subject))
    throw new AppError('NOT_FOUND', 'payment not found');
  return view;
}
