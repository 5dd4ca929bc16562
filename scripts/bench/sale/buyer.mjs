// One buyer's flash sale, as a person with a browser lives it: enter the waiting room at T0,
// follow the place in line, hold 1 to 4 tickets once admitted, then pay (or fail to pay, or walk
// away and let the hold expire). What the buyer saw is kept for the checks and the figures.
import { randomUUID } from 'node:crypto';
import { sleep } from './client.mjs';

/** Seeded, so two runs with the same flags make the same choices. */
export function seededRandom(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/**
 * `sale`: { base, sessionId, client, payShare, closed(): boolean, counts }. Resolves with what
 * happened: { place, lastWaitingSent, firstAdmittedReceived, hold?, intent, end }.
 */
export async function runBuyer(sale, token, random) {
  const { base, client, counts } = sale;
  const seen = { place: 0, lastWaitingSent: -Infinity, firstAdmittedReceived: Infinity, intent: 'none', end: '' };
  const entered = await client.request('enter', 'POST', `${base}/api/queue/token`, {
    token,
    body: { sessionId: sale.sessionId },
  });
  if (entered.status !== 201) return { ...seen, end: `enter ${entered.body?.code ?? entered.status}` };
  counts.entered++;
  seen.place = entered.body.position;
  const queueToken = entered.body.queueToken;
  let status = entered.body;
  let sentAt = 0;
  while (status.state === 'WAITING' || status.state === 'SOLD_OUT') {
    if (status.state === 'WAITING') seen.lastWaitingSent = Math.max(seen.lastWaitingSent, sentAt);
    if (sale.closed()) return { ...seen, end: 'gave up: sold out' };
    // Follow the line as a page would: often near the front, rarely far back, and every few seconds
    // while sold out (tickets come back only when a hold expires or a payment fails).
    const pause = status.state === 'SOLD_OUT' ? 5000 : Math.min(5000, Math.max(500, status.estimatedWaitSeconds * 250));
    await sleep(pause * (0.75 + random() / 2));
    sentAt = performance.now();
    const answer = await client.request(
      'status',
      'GET',
      `${base}/api/queue/status?token=${encodeURIComponent(queueToken)}`,
      {
        token,
      },
    );
    if (answer.status !== 200) return { ...seen, end: `status ${answer.body?.code ?? answer.status}` };
    status = answer.body;
  }
  if (status.state !== 'ADMITTED') return { ...seen, end: `queue ${status.state}` };
  seen.firstAdmittedReceived = performance.now();
  counts.admitted++;

  const hold = await holdTickets(sale, token, queueToken, 1 + Math.floor(random() * 4));
  if (!hold.ok) {
    if (hold.code === 'SOLD_OUT' || hold.code === 'INSUFFICIENT_STOCK') counts.soldOut++;
    return { ...seen, end: `hold ${hold.code}` };
  }
  counts.held++;
  seen.hold = { id: hold.body.holdId, quantity: hold.body.quantity };

  const choice = random();
  seen.intent = choice < sale.payShare ? 'pay' : choice < sale.payShare + (1 - sale.payShare) / 2 ? 'fail' : 'abandon';
  if (seen.intent === 'abandon') return { ...seen, end: 'walked away (the hold expires)' };
  const paid = await pay(sale, token, seen.hold.id, seen.intent === 'pay' ? 'success' : 'fail');
  if (!paid.ok) return { ...seen, end: `payment ${paid.code}` };
  if (seen.intent === 'fail') return { ...seen, end: 'payment declined' };
  const sold = await waitForSale(sale, token, seen.hold.id);
  if (sold) counts.paid++;
  return { ...seen, end: sold ? 'tickets' : 'paid, tickets not seen' };
}

/** A hold; when fewer tickets are left than asked for, one more try for a single ticket. */
async function holdTickets(sale, token, queueToken, quantity) {
  for (const asked of quantity > 1 ? [quantity, 1] : [1]) {
    const answer = await sale.client.request('hold', 'POST', `${sale.base}/api/reservations/hold`, {
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: { sessionId: sale.sessionId, quantity: asked, queueToken },
    });
    if (answer.status === 201) {
      sale.acceptedHolds.push(answer.body.holdId);
      return { ok: true, body: answer.body };
    }
    const code = answer.body?.code ?? `http ${answer.status}`;
    if (code !== 'INSUFFICIENT_STOCK') return { ok: false, code };
  }
  return { ok: false, code: 'INSUFFICIENT_STOCK' };
}

/** Checkout, then the provider's page: the buyer presses "pay" (or the card is declined). */
async function pay(sale, token, holdId, outcome) {
  const checkout = await sale.client.request('checkout', 'POST', `${sale.base}/api/payments/checkout`, {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { holdId, method: 'CARD' },
  });
  if (checkout.status !== 201) return { ok: false, code: checkout.body?.code ?? `http ${checkout.status}` };
  const payment = { paymentId: checkout.body.paymentId, holdId, outcome, completed: false };
  sale.payments.push(payment);
  const page = await sale.client.request('provider', 'POST', `${checkout.body.paymentSessionUrl}/complete`, {
    body: { outcome },
  });
  if (page.status !== 202) return { ok: false, code: `provider ${page.status}` };
  // The provider now owes us a webhook: the payment must leave PENDING, whatever was down meanwhile.
  payment.completed = true;
  return { ok: true };
}

/** The buyer's page polls the hold until the tickets are there (at most a minute). */
async function waitForSale(sale, token, holdId) {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    await sleep(500);
    const hold = await sale.client.request('hold-status', 'GET', `${sale.base}/api/reservations/hold/${holdId}`, {
      token,
    });
    if (hold.body?.status === 'SOLD') return true;
  }
  return false;
}
