import { randomUUID } from 'node:crypto';
import type { IsolatedSystem } from '@ticketing/system-runner';
import { expectBooksBalance } from './reconciliation';
import { ADMIN, call, newBuyer, startSystemWithAdmin } from './support';

/** A POST with a fresh Idempotency-Key, as holds, checkouts and cancellations require. */
async function keyed(base: string, path: string, body: object, token: string) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in 20 s: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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

  /** A session of 10 tickets at 50,000 KRW a week ahead, known to reservation. */
  async function sessionOnSale(): Promise<string> {
    const event = await call(
      base,
      'POST',
      '/api/admin/events',
      { title: 'Paid Gala', venue: 'Hall', status: 'PUBLISHED' },
      adminToken,
    );
    const startAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const body = { startAt, price: 50_000, currency: 'KRW', totalStock: 10 };
    const session = await call(base, 'POST', `/api/admin/events/${event.body.id}/sessions`, body, adminToken);
    expect(session.status).toBe(201);
    await until(
      () => sales(session.body.id),
      (s) => s.status === 200,
      'the session reaching reservation',
    );
    return session.body.id;
  }

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
});
