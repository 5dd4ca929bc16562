import type { FastifyInstance } from 'fastify';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { signingKey, startHarness, type Harness } from './harness';
import { fakePayment, PAYMENT } from './payment-fixtures';
import { HOLD } from './reservation-fixtures';

// A checkout waits on the payment provider (payment's PAYMENT_PROVIDER_TIMEOUT_MS, 5 s by default),
// so the gateway gives it a deadline of its own, longer than every other call's: with the general
// one (2 s), a loaded sale answered 504 to checkouts that were about to succeed (npm run bench:sale).
const { methods } = fakePayment();
const slowly = (spec: MethodSpec, ms: number): MethodSpec => ({
  ...spec,
  handle: async (request, context) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return spec.handle(request, context);
  },
});

describe('gateway deadlines: a checkout may take longer than other calls', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let user: string;

  beforeAll(async () => {
    const key = await signingKey();
    const payment = {
      ...methods,
      checkout: slowly(methods.checkout!, 600),
      getPayment: slowly(methods.getPayment!, 600),
    };
    harness = await startHarness({ payment }, key, { GRPC_DEADLINE_MS: '300', CHECKOUT_DEADLINE_MS: '1500' });
    app = harness.app;
    user = `Bearer ${await key.sign({ sub: 'buyer-1' })}`;
  });
  afterAll(() => harness.close());

  it('when a checkout takes longer than the general deadline but less than its own, then it is 201', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/payments/checkout',
      headers: { authorization: user, 'idempotency-key': 'slow-1' },
      payload: { holdId: HOLD, method: 'CARD' },
    });
    expect(response.statusCode).toBe(201);
  });

  it('when another call takes as long, then it is still 504 UPSTREAM_TIMEOUT at the general deadline', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/payments/${PAYMENT}`,
      headers: { authorization: user },
    });
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });
});
