import { checkHealth } from '@ticketing/grpc-kit';
import { SERVICE_FULL_NAMES } from '@ticketing/contracts';
import { TEST_NATS_URL, TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { startQueue } from '../app';
import { readQueueConfig } from '../config';
import { logger, startTestQueue, TEST_SECRET, type TestQueue } from './harness';

describe('queue service boot against the real Redis and NATS', () => {
  let queue: TestQueue;

  beforeAll(async () => {
    queue = await startTestQueue('queue_boot');
  });
  afterAll(() => queue.close());

  it('when it has started, then health is SERVING and its Redis keys carry its prefix', async () => {
    expect(await checkHealth(`127.0.0.1:${queue.app.grpc.port}`, SERVICE_FULL_NAMES.queue)).toBe(true);
    await queue.app.redis.set('probe', '1', 'EX', 5);
    const unprefixed = queue.app.redis.duplicate({ keyPrefix: '' });
    const raw = await unprefixed.get(`${queue.config.REDIS_KEY_PREFIX}probe`);
    await unprefixed.quit();
    expect(raw).toBe('1');
  });

  it.each([
    ['REDIS_URL', { REDIS_URL: 'redis://127.0.0.1:1' }, /^REDIS_URL: cannot connect to 127\.0\.0\.1:1/],
    ['NATS_URL', { NATS_URL: 'nats://127.0.0.1:1' }, /^NATS_URL: cannot connect/],
  ])('when %s is unreachable, then boot fails naming it', async (_, bad, message) => {
    const name = uniqueName('queue_boot_bad');
    const config = readQueueConfig({
      PORT: '0',
      METRICS_PORT: '0',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `${name}:`,
      NATS_URL: TEST_NATS_URL,
      EVENT_SUBJECT_PREFIX: name,
      QUEUE_TOKEN_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      ...bad,
    });
    await expect(startQueue(config, logger)).rejects.toThrow(message);
  });
});
