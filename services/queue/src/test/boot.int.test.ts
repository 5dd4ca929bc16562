import { credentials } from '@grpc/grpc-js';
import { createClient, SERVICE_FULL_NAMES } from '@ticketing/contracts';
import { checkHealth, unaryCall } from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { startQueue, type QueueApp } from '../app';

const logger = createLogger({ service: 'queue', level: 'silent' });

describe('queue service boot against the real Redis', () => {
  const prefix = `${uniqueName('queue')}:`;
  let app: QueueApp;

  beforeAll(async () => {
    app = await startQueue(
      {
        HOST: '127.0.0.1',
        PORT: 0,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        AUTH_GRPC_URL: '127.0.0.1:1',
        LOG_LEVEL: 'silent',
      },
      logger,
    );
  });
  afterAll(() => app.stop());

  it('when it has started, then health is SERVING and its Redis keys carry its prefix', async () => {
    expect(await checkHealth(`127.0.0.1:${app.grpc.port}`, SERVICE_FULL_NAMES.queue)).toBe(true);
    await app.redis.set('probe', '1', 'EX', 5);
    const unprefixed = app.redis.duplicate({ keyPrefix: '' });
    const raw = await unprefixed.get(`${prefix}probe`);
    await unprefixed.quit();
    expect(raw).toBe('1');
  });

  it('when a contract method without behaviour yet is called, then it answers NOT_IMPLEMENTED', async () => {
    const client = createClient('queue', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
    await expect(unaryCall(client, 'getStatus', { queueToken: 'x' })).rejects.toMatchObject({
      code: 'NOT_IMPLEMENTED',
    });
    client.close();
  });

  it('when Redis is unreachable, then boot fails naming REDIS_URL', async () => {
    await expect(
      startQueue(
        {
          HOST: '127.0.0.1',
          PORT: 0,
          REDIS_URL: 'redis://127.0.0.1:1',
          REDIS_KEY_PREFIX: prefix,
          AUTH_GRPC_URL: '127.0.0.1:1',
          LOG_LEVEL: 'silent',
        },
        logger,
      ),
    ).rejects.toThrow(/^REDIS_URL: cannot connect to 127\.0\.0\.1:1/);
  });
});
