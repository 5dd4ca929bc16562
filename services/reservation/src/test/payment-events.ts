import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connectNats, type EventEnvelope, type NatsConnection } from '@ticketing/nats-kit';
import { queryOnce, TEST_NATS_URL } from '@ticketing/testing';
import { PAYMENT_DURABLE } from '../events/payment.consumer';
import { countersOf, eventually, startTestReservation, TEST_TICKET_QR_SECRET, type TestReservation } from './harness';

/** The keys a door scanner of the test system would hold. */
export const SCANNER_KEYS = { k1: TEST_TICKET_QR_SECRET };

interface PaidHold {
  holdId: string;
  userId: string;
  totalPrice: { amountMinor: string; currency: string };
}

/** `payment.succeeded` as the payment service writes it for a hold (amount in minor units). */
export const succeededFor = (hold: PaidHold, paymentId: string = randomUUID()) => ({
  paymentId,
  holdId: hold.holdId,
  userId: hold.userId,
  amountMinor: Number(hold.totalPrice.amountMinor),
  currency: hold.totalPrice.currency,
});

export const failedFor = (hold: PaidHold, paymentId: string = randomUUID()) => ({
  paymentId,
  holdId: hold.holdId,
  userId: hold.userId,
  reason: 'DECLINED',
});

/**
 * Publishes as payment's relay does; returns the event id. `id` repeats an event, and `msgID`
 * gives it another Nats-Msg-Id, as a redelivery past the server's de-duplication window would be.
 */
export async function publishPayment(
  nc: NatsConnection,
  prefix: string,
  type: string,
  payload: object,
  options: { id?: string; msgID?: string } = {},
): Promise<string> {
  const id = options.id ?? randomUUID();
  const envelope: EventEnvelope = { id, type, occurredAt: new Date().toISOString(), payload };
  await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(envelope), { msgID: options.msgID ?? id });
  return id;
}

/**
 * A reservation service of its own and a connection that publishes payment's events as payment's
 * relay would, for one describe block: started before its tests, stopped after them.
 */
export function reservationWithPaymentEvents(label: string) {
  const fixture = {
    sys: undefined as unknown as TestReservation,
    nc: undefined as unknown as NatsConnection,
    pay: (type: string, payload: object, options?: { id?: string; msgID?: string }) =>
      publishPayment(fixture.nc, fixture.sys.prefix, type, payload, options),
  };
  beforeAll(async () => {
    fixture.sys = await startTestReservation(label);
    fixture.nc = await connectNats(TEST_NATS_URL, `${label}-publisher`);
  });
  afterAll(async () => {
    await fixture.nc.close();
    await fixture.sys.close();
  });
  return fixture;
}

/** True once the payment consumer has committed the event (its inbox row). */
export const paymentApplied = (url: string, eventId: string) => async () =>
  (await queryOnce(url, 'select 1 from inbox where consumer = $1 and event_id = $2', [PAYMENT_DURABLE, eventId]))
    .length === 1;

export async function waitApplied(sys: TestReservation, eventId: string): Promise<void> {
  await eventually(paymentApplied(sys.url, eventId));
}

/** Makes a hold's time pass and lets the sweeper return it, as two minutes without payment would. */
export async function expireNow(sys: TestReservation, holdId: string): Promise<void> {
  await queryOnce(sys.url, `update hold set expires_at = now() - interval '1 second' where id = $1`, [holdId]);
  await sys.app.sweeper.sweep();
}

/** The invariant every test that sells or cancels ends on. */
export async function expectBalanced(url: string, sessionId: string): Promise<void> {
  const c = await countersOf(url, sessionId);
  expect(c.available + c.held + c.sold).toBe(c.total);
  const sold = await queryOnce<{ n: number }>(
    url,
    `select count(*)::int as n from ticket where session_id = $1 and status = 'VALID'`,
    [sessionId],
  );
  expect(sold[0]!.n).toBe(c.sold);
}

export const ticketsOfHold = (url: string, holdId: string) =>
  queryOnce<{ id: string; code: string; status: string; seat_id: string | null; seat_label: string | null }>(
    url,
    'select id, code, status, seat_id, seat_label from ticket where hold_id = $1 order by seq',
    [holdId],
  );
