import { eventually, sleep } from '@ticketing/testing';
import { startHarness } from './harness';

describe('stopping the provider', () => {
  it('when a webhook is waiting for a long retry, then stop() returns at once and nothing more is sent', async () => {
    const h = await startHarness({ WEBHOOK_BACKOFF_MS: '600000' });
    h.receiver.answerWith(() => 503);
    const { pgPaymentId } = await h.createPayment();
    await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'success' });
    await eventually(async () => h.receiver.received.length === 1);
    const startedAt = Date.now();
    await h.provider.stop();
    expect(Date.now() - startedAt).toBeLessThan(1000);
    await sleep(100);
    expect(h.receiver.received).toHaveLength(1);
    await h.receiver.close();
  });

  it('when the receiver is still thinking about a webhook, then stop() cancels the request and returns', async () => {
    const h = await startHarness({ WEBHOOK_TIMEOUT_MS: '600000' });
    h.receiver.answerWith(() => new Promise<number>(() => undefined));
    const { pgPaymentId } = await h.createPayment();
    await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'success' });
    await eventually(async () => h.receiver.received.length === 1);
    const startedAt = Date.now();
    await h.provider.stop();
    expect(Date.now() - startedAt).toBeLessThan(1000);
    await h.receiver.close();
  });

  it('when a webhook is held back by a long delay, then stop() returns at once and it is never sent', async () => {
    const h = await startHarness();
    const { pgPaymentId } = await h.createPayment({ webhook: { delayMs: 600000 } });
    await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'success' });
    const startedAt = Date.now();
    await h.provider.stop();
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(h.receiver.received).toEqual([]);
    await h.receiver.close();
  });
});
