import type { PaymentProvider } from '../app/payment-provider';

export interface SandboxProviderOptions {
  /** The provider's base URL, e.g. http://127.0.0.1:8090. */
  baseUrl: string;
  /** Each call fails after this long rather than holding a checkout or a refund open. */
  timeoutMs: number;
}

/** The sandbox provider's HTTP API (services/sandbox-provider), as a PaymentProvider. */
export class SandboxProviderClient implements PaymentProvider {
  readonly name = 'sandbox';
  private readonly baseUrl: string;

  constructor(private readonly options: SandboxProviderOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async createPayment(request: { paymentId: string; amountMinor: number; currency: string }) {
    const body = await this.post('/v1/payments', {
      paymentId: request.paymentId,
      amount: request.amountMinor,
      currency: request.currency,
    });
    const { pgPaymentId, sessionUrl } = body;
    if (typeof pgPaymentId !== 'string' || pgPaymentId === '' || typeof sessionUrl !== 'string' || sessionUrl === '')
      throw new Error('sandbox provider: POST /v1/payments answered without pgPaymentId and sessionUrl');
    return { providerPaymentId: pgPaymentId, sessionUrl };
  }

  async refund(request: { providerPaymentId: string; amountMinor: number }) {
    const body = await this.post('/v1/refunds', {
      pgPaymentId: request.providerPaymentId,
      amount: request.amountMinor,
    });
    return { refundId: typeof body.refundId === 'string' ? body.refundId : '' };
  }

  /** Any answer but a 2xx with a JSON object is a failure; the callers decide whether to retry. */
  private async post(path: string, payload: object): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`sandbox provider: POST ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`sandbox provider: POST ${path} answered ${response.status} without JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null)
      throw new Error(`sandbox provider: POST ${path} answered ${response.status} without a JSON object`);
    return parsed as Record<string, unknown>;
  }
}
