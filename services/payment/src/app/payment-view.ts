import type { Sql } from '@ticketing/db';
import type { PaymentStatus } from '../domain/payment-transitions';
import { PaymentHistoryRepository } from '../db/payment-history.repository';
import { PaymentRepository, type PaymentRow } from '../db/payment.repository';

/** A payment as callers see it, with its history oldest first. */
export interface PaymentView {
  paymentId: string;
  holdId: string;
  userId: string;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  method: string;
  provider: string;
  providerPaymentId: string;
  paymentSessionUrl: string;
  expiresAt: string;
  history: Array<{ status: PaymentStatus; at: string; reason: string }>;
  createdAt: string;
  updatedAt: string;
}

export async function readPaymentView(sql: Sql, paymentId: string): Promise<PaymentView | null> {
  const payment = await new PaymentRepository(sql).findById(paymentId);
  if (!payment) return null;
  return toPaymentView(payment, await new PaymentHistoryRepository(sql).listOf(paymentId));
}

function toPaymentView(p: PaymentRow, history: Awaited<ReturnType<PaymentHistoryRepository['listOf']>>): PaymentView {
  return {
    paymentId: p.id,
    holdId: p.holdId,
    userId: p.userId,
    status: p.status,
    amountMinor: p.amountMinor,
    currency: p.currency,
    method: p.method,
    provider: p.provider,
    providerPaymentId: p.providerPaymentId ?? '',
    paymentSessionUrl: p.paymentSessionUrl ?? '',
    expiresAt: p.expiresAt.toISOString(),
    history: history.map((h) => ({ status: h.status, at: h.at.toISOString(), reason: h.reason })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
