import { consumerPendingMetrics, outboxMetrics } from './event-metrics';
import { createRegistry } from './registry';

describe('outboxMetrics', () => {
  it('when scraped, then backlog and oldest age come from one read, labelled with the service', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    let reads = 0;
    outboxMetrics(registry, {
      service: 'reservation',
      read: async () => {
        reads += 1;
        return { backlog: 7, oldestAgeSeconds: 42.5 };
      },
    });
    const text = await registry.metrics();
    expect(text).toContain('ticketing_outbox_backlog{service="reservation"} 7');
    expect(text).toContain('ticketing_outbox_oldest_age_seconds{service="reservation"} 42.5');
    expect(reads).toBe(1);
    await registry.metrics();
    expect(reads).toBe(2);
  });
});

describe('consumerPendingMetrics', () => {
  it('when scraped, then each durable consumer is one series with its pending count', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    consumerPendingMetrics(registry, {
      read: async () => [
        { stream: 'TICKETING', consumer: 'reservation-payment', pending: 3 },
        { stream: 'TICKETING', consumer: 'reservation-catalog', pending: 0 },
      ],
    });
    const text = await registry.metrics();
    expect(text).toContain('ticketing_consumer_pending{stream="TICKETING",consumer="reservation-payment"} 3');
    expect(text).toContain('ticketing_consumer_pending{stream="TICKETING",consumer="reservation-catalog"} 0');
  });
});
