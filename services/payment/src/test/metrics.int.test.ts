import { deliver, outcomeOf, pendingPayment, signedCallback, startTestPayment, type TestPayment } from './harness';

/** Payment's /metrics, scraped over HTTP as Prometheus does, after real webhooks. */
describe('payment metrics at /metrics', () => {
  let sys: TestPayment;

  beforeAll(async () => {
    sys = await startTestPayment('payment_metrics');
  });
  afterAll(() => sys.close());

  const scrape = async () => (await fetch(`http://127.0.0.1:${sys.app.metrics.port}/metrics`)).text();
  const valueOf = (text: string, series: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  it('when a payment succeeds (twice reported), another fails and a webhook is unsigned, then payments and callbacks are counted by outcome and result', async () => {
    const before = await scrape();
    const paid = await pendingPayment(sys, 'metrics-paid');
    const declined = await pendingPayment(sys, 'metrics-declined');
    await deliver(sys, paid.report('SUCCESS'));
    await deliver(sys, paid.report('SUCCESS'));
    await deliver(sys, declined.report('FAIL'));
    const unsigned = signedCallback(paid.report('SUCCESS'), { secret: 'not-the-provider-secret-0123456789abcdef' });
    expect((await outcomeOf(sys.call('handleProviderCallback', unsigned))).code).toBe('SIGNATURE_INVALID');

    const after = await scrape();
    const delta = (series: string) => valueOf(after, series) - valueOf(before, series);
    expect(delta('ticketing_payments_total{outcome="succeeded"}')).toBe(1);
    expect(delta('ticketing_payments_total{outcome="failed"}')).toBe(1);
    expect(delta('ticketing_payment_callbacks_total{result="APPLIED"}')).toBe(2);
    expect(delta('ticketing_payment_callbacks_total{result="DUPLICATE"}')).toBe(1);
    expect(delta('ticketing_payment_callbacks_total{result="SIGNATURE_INVALID"}')).toBe(1);
    expect(after).toMatch(/^ticketing_outbox_backlog\{service="payment"\} \d+$/m);
    expect(after).toMatch(/^ticketing_consumer_pending\{stream="[^"]+",consumer="payment-refunds"\} \d+$/m);
    expect(after).toMatch(
      /^ticketing_grpc_server_requests_total\{service="[^"]+",method="HandleProviderCallback",code="OK"\} /m,
    );
  });
});
