import type { IsolatedSystem } from '@ticketing/system-runner';
import { expectBooksBalance } from './reconciliation';
import {
  ADMIN,
  call,
  keyed,
  newBuyer,
  sessionOnSale as sessionOnSaleWith,
  startSystemWithAdmin,
  until,
} from './support';

describe('a purchase end to end: hold, pay at the provider, tickets, cancel, refund', () => {
  let system: IsolatedSystem;
  let base: string;
  let adminToken: string;

  beforeAll(async () => {
    system = await startSystemWithAdmin('e2e_purchase');
    base = system.gatewayUrl;
    adminToken = (await call(base, 'POST', '/api/auth/login', ADMIN)).body.accessToken;
  });
  afterAll(async () => {
    if (system) await system.teardown();
  });
  // Stock and money reconcile after every test, read from both services' databases.
  afterEach(() => expectBooksBalance(system.prefix));

  const sessionOnSale = () => sessionOnSaleWith(base, adminToken);

  const sales = (sessionId: string) =>
    call(base, 'GET', `/api/admin/sessions/${sessionId}/sales`, undefined, adminToken);
  const holdOf = (holdId: string, token: string) =>
    call(base, 'GET', `/api/reservations/hold/${holdId}`, undefined, token);
  const paymentOf = (paymentId: string, token: string) =>
    call(base, 'GET', `/api/payments/${paymentId}`, undefined, token);

  /** Stock and money reconcile: counters conserved, and a success has SOLD tickets or a refund. */
  async function expectReconciled(sessionId: string, payment: { status: string }, hold: { status: string }) {
    const counters = (await sales(sessionId)).body;
    expect(counters.available + counters.held + counters.sold).toBe(counters.total);
    if (payment.status === 'SUCCEEDED') expect(hold.status).toBe('SOLD');
    if (hold.status === 'SOLD') expect(payment.status).toBe('SUCCEEDED');
  }

  async function checkoutAndPay(sessionId: string, buyer: string, outcome: 'success' | 'fail') {
    const hold = await keyed(base, '/api/reservations/hold', { sessionId, quantity: 2 }, buyer);
    expect(hold.status).toBe(201);
    const checkout = await keyed(base, '/api/payments/checkout', { holdId: hold.body.holdId, method: 'CARD' }, buyer);
    expect(checkout.status).toBe(201);
    expect(checkout.body).toMatchObject({ amount: 100_000, currency: 'KRW', paymentSessionUrl: expect.any(String) });
    const page = await fetch(checkout.body.paymentSessionUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Pay/);
    const complete = await fetch(`${checkout.body.paymentSessionUrl}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome }),
    });
    expect(complete.status).toBe(202);
    return { holdId: hold.body.holdId as string, paymentId: checkout.body.paymentId as string };
  }

  it('when a buyer pays, then the hold is SOLD with two tickets and a QR code; when they cancel, then the payment is REFUNDED and the stock returns', async () => {
    const sessionId = await sessionOnSale();
    const buyer = await newBuyer(base, 'payer@example.com');
    const { holdId, paymentId } = await checkoutAndPay(sessionId, buyer, 'success');

    const sold = await until(
      () => holdOf(holdId, buyer),
      (h) => h.body.status === 'SOLD',
      'the sale',
    );
    const paid = await paymentOf(paymentId, buyer);
    expect(paid.body).toMatchObject({ paymentId, holdId, status: 'SUCCEEDED', amount: 100_000, currency: 'KRW' });
    await expectReconciled(sessionId, paid.body, sold.body);

    const tickets = (await call(base, 'GET', '/api/me/tickets', undefined, buyer)).body.items.filter(
      (t: { holdId: string }) => t.holdId === holdId,
    );
    expect(tickets).toHaveLength(2);
    expect(tickets.map((t: { status: string }) => t.status)).toEqual(['VALID', 'VALID']);
    const qr = await fetch(`${base}/api/me/tickets/${tickets[0].id}/qr`, {
      headers: { authorization: `Bearer ${buyer}` },
    });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await qr.text()).toContain('<svg');

    const cancelled = await keyed(base, `/api/reservations/${holdId}/cancel`, {}, buyer);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    const refunded = await until(
      () => paymentOf(paymentId, buyer),
      (p) => p.body.status === 'REFUNDED',
      'the refund',
    );
    expect(refunded.body.history.map((h: { status: string }) => h.status)).toEqual(
      expect.arrayContaining(['PENDING', 'SUCCEEDED', 'REFUND_PENDING', 'REFUNDED']),
    );
    const after = (await call(base, 'GET', '/api/me/tickets', undefined, buyer)).body.items.filter(
      (t: { holdId: string }) => t.holdId === holdId,
    );
    expect(after.map((t: { status: string }) => t.status)).toEqual(['CANCELLED', 'CANCELLED']);
    const counters = (await sales(sessionId)).body;
    expect(counters).toMatchObject({ total: 10, available: 10, held: 0, sold: 0 });
  });

  it('when the payment fails at the provider, then the hold is RELEASED and its stock returns', async () => {
    const sessionId = await sessionOnSale();
    const buyer = await newBuyer(base, 'decliner@example.com');
    const { holdId, paymentId } = await checkoutAndPay(sessionId, buyer, 'fail');
    const released = await until(
      () => holdOf(holdId, buyer),
      (h) => h.body.status === 'RELEASED',
      'the release',
    );
    const failed = await paymentOf(paymentId, buyer);
    expect(failed.body.status).toBe('FAILED');
    await expectReconciled(sessionId, failed.body, released.body);
    expect((await sales(sessionId)).body).toMatchObject({ available: 10, held: 0, sold: 0 });
  });

  it('when a buyer has paid, then an admin reads the payment and the sale in the audit trail, newest first, one page at a time', async () => {
    const sessionId = await sessionOnSale();
    const buyer = await newBuyer(base, 'audited@example.com');
    const { holdId, paymentId } = await checkoutAndPay(sessionId, buyer, 'success');
    await until(
      () => holdOf(holdId, buyer),
      (h) => h.body.status === 'SOLD',
      'the sale',
    );
    const payment = await call(
      base,
      'GET',
      `/api/admin/audit?objectType=payment&objectId=${paymentId}`,
      undefined,
      adminToken,
    );
    expect(payment.status).toBe(200);
    expect(payment.body.items.map((i: { action: string }) => i.action)).toEqual([
      'payment.status-changed',
      'payment.created',
    ]);
    expect(payment.body.items.every((i: { service: string }) => i.service === 'payment')).toBe(true);
    // Across services: the hold's sale (reservation) and the payment's rows (payment), one page each.
    const first = await call(base, 'GET', `/api/admin/audit?action=hold.sold&limit=1`, undefined, adminToken);
    expect(first.body.items).toEqual([expect.objectContaining({ service: 'reservation', objectId: holdId })]);
    const forbidden = await call(base, 'GET', '/api/admin/audit', undefined, buyer);
    expect(forbidden.status).toBe(403);
  });
});
