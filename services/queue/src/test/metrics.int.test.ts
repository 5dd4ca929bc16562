import { eventually, sleep } from '@ticketing/testing';
import { startTestQueue, type TestQueue } from './harness';

/** The queue's /metrics, scraped over HTTP as Prometheus does; the window moves every 50 ms, admissions last 1 s. */
describe('queue metrics at /metrics', () => {
  let queue: TestQueue;

  beforeAll(async () => {
    queue = await startTestQueue('queue_metrics', { ADMISSION_TTL_SEC: '1' });
  });
  afterAll(() => queue.close());

  const scrape = async () => (await fetch(`http://127.0.0.1:${queue.app.metrics.port}/metrics`)).text();
  const valueOf = (text: string, series: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  it('when people enter a slow line, then entered counts new places only and the line waiting is read on scrape; admissions are counted as the window moves', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 1 });
    const before = await scrape();
    for (let i = 1; i <= 6; i += 1) await queue.enter(sessionId, `line-${i}`);
    await queue.enter(sessionId, 'line-1');

    const during = await scrape();
    expect(valueOf(during, 'ticketing_queue_entered_total') - valueOf(before, 'ticketing_queue_entered_total')).toBe(6);
    const waiting = valueOf(during, `ticketing_queue_waiting{session_id="${sessionId}"}`);
    expect(waiting).toBeGreaterThanOrEqual(3);
    expect(waiting).toBeLessThanOrEqual(6);
    await eventually(
      async () =>
        valueOf(await scrape(), 'ticketing_queue_admitted_total') - valueOf(before, 'ticketing_queue_admitted_total') >=
        6 - waiting + 1,
      5000,
    );
  });

  it('when an admitted user lets the admission run out and enters again, then it is counted as expired and as a new entry', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 50 });
    const entered = await queue.enter(sessionId, 'lapsing');
    await eventually(async () => (await queue.status(entered.queueToken, 'lapsing')).allowed);
    await sleep(1100);
    const before = await scrape();
    await queue.enter(sessionId, 'lapsing');
    const after = await scrape();
    expect(valueOf(after, 'ticketing_queue_expired_total') - valueOf(before, 'ticketing_queue_expired_total')).toBe(1);
    expect(valueOf(after, 'ticketing_queue_entered_total') - valueOf(before, 'ticketing_queue_entered_total')).toBe(1);
    expect(after).toMatch(/^ticketing_consumer_pending\{stream="[^"]+",consumer="queue-stock"\} \d+$/m);
  });
});
