/**
 * A payment company as this service needs it. The sandbox provider implements it over HTTP; a
 * real provider would implement the same two calls. Both must be idempotent at the provider
 * (by our payment id, and by the provider's payment id), because both are retried.
 */
export interface PaymentProvider {
  /** Stored with each payment; a webhook names the provider it comes from. */
  readonly name: string;
  createPayment(request: {
    paymentId: string;
    amountMinor: number;
    currency: string;
  }): Promise<{ providerPaymentId: string; sessionUrl: string }>;
  /** Asks for the whole amount back; the provider confirms later with a REFUNDED webhook. */
  refund(request: { providerPaymentId: string; amountMinor: number }): Promise<{ refundId: string }>;
}
