import { holdRequest, seedSession } from './harness';
import { expireNow, reservationWithPaymentEvents, succeededFor, waitApplied } from './payment-events';

/** Reservation's /metrics, scraped over HTTP as Prometheus does, after real holds, sales and expiries. */
describe('reservation metrics at /metrics', () => {
  const fixture = reservationWithPaymentEvents('reservation_metrics');

  const scrape = async (): Promise<string> => {
    const response = await fetch(`http://127.0.0.1:${fixture.sys.app.metrics.port}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The value of one series (`name{labels}`), 0 when it is not there yet. */
  const valueOf = (text: string, series: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };
  const HOLDS_OK = 'ticketing_holds_total{outcome="accepted",reason="none"}';
  const holdsRejected = (reason: string) => `ticketing_holds_total{outcome="rejected",reason="${reason}"}`;
  const HOLD_CALLS_OK =
    'ticketing_grpc_server_requests_total{service="ticketing.reservation.v1.ReservationService",method="Hold",code="OK"}';

  it('when one hold is accepted and others are refused, then ticketing_holds_total counts each by outcome and reason; a replay is not counted again', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 3 });
    const before = await scrape();

    const first = holdRequest(sessionId, 2);
    await fixture.sys.call('hold', first, 'user:metrics-a');
    await fixture.sys.call('hold', first, 'user:metrics-a');
    await expect(fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:metrics-b')).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
    });
    await expect(fixture.sys.call('hold', holdRequest(sessionId, 9), 'user:metrics-b')).rejects.toMatchObject({
      code: 'INVALID_QUANTITY',
    });

    const after = await scrape();
    expect(valueOf(after, HOLDS_OK) - valueOf(before, HOLDS_OK)).toBe(1);
    const refused = (reason: string) => valueOf(after, holdsRejected(reason)) - valueOf(before, holdsRejected(reason));
    expect(refused('INSUFFICIENT_STOCK')).toBe(1);
    expect(refused('INVALID_QUANTITY')).toBe(1);
    expect(valueOf(after, HOLD_CALLS_OK) - valueOf(before, HOLD_CALLS_OK)).toBe(2);
    expect(after).toMatch(/^ticketing_grpc_server_duration_seconds_bucket\{le="\+Inf",service="[^"]+",method="Hold"/m);
  });

  it('when scraped, then the remaining stock of a session on sale, the outbox and both consumers are read there and then', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 7 });
    await fixture.sys.call('hold', holdRequest(sessionId, 3), 'user:metrics-c');
    const text = await scrape();
    expect(valueOf(text, `ticketing_session_remaining_stock{session_id="${sessionId}"}`)).toBe(4);
    expect(text).toMatch(/^ticketing_outbox_backlog\{service="reservation"\} \d+$/m);
    expect(text).toMatch(/^ticketing_outbox_oldest_age_seconds\{service="reservation"\} [\d.e-]+$/m);
    for (const consumer of ['reservation-catalog', 'reservation-payment'])
      expect(text).toMatch(
        new RegExp(`^ticketing_consumer_pending\\{stream="[^"]+",consumer="${consumer}"\\} \\d+$`, 'm'),
      );
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
  });

  it('when a payment sells a hold of 2 and another hold expires, then tickets sold grow by 2 and expirations by 1', async () => {
    const { sessionId } = await seedSession(fixture.sys.app, { totalStock: 10 });
    const before = await scrape();
    const sold = await fixture.sys.call('hold', holdRequest(sessionId, 2), 'user:metrics-d');
    await waitApplied(fixture.sys, await fixture.pay('payment.succeeded', succeededFor(sold)));
    const lapsed = await fixture.sys.call('hold', holdRequest(sessionId, 1), 'user:metrics-e');
    await expireNow(fixture.sys, lapsed.holdId);

    const after = await scrape();
    const delta = (series: string) => valueOf(after, series) - valueOf(before, series);
    expect(delta('ticketing_tickets_sold_total')).toBe(2);
    expect(delta('ticketing_hold_expirations_total')).toBe(1);
  });
});
