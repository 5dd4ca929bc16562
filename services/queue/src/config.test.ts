import { readQueueConfig } from './config';

const SECRET = 'a-queue-token-secret-of-at-least-32-characters';

describe('queue config', () => {
  it('when only the token secret is given, then every other setting has its default', () => {
    expect(readQueueConfig({ QUEUE_TOKEN_SECRET: SECRET })).toMatchObject({
      PORT: 50053,
      METRICS_PORT: 9453,
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENT_SUBJECT_PREFIX: 'ticketing',
      QUEUE_DEFAULT_ADMISSION_RATE: 50,
      QUEUE_DEFAULT_MAX_LENGTH: 100_000,
      ADMISSION_TTL_SEC: 120,
      ADMISSION_TICK_MS: 200,
      REDIS_KEY_PREFIX: 'ticketing:queue:',
    });
  });

  it('when the token secret is missing or short, then boot fails naming it without echoing it', () => {
    expect(() => readQueueConfig({})).toThrow(/QUEUE_TOKEN_SECRET: .*\(unset\)/);
    expect(() => readQueueConfig({ QUEUE_TOKEN_SECRET: 'short-secret' })).toThrow(
      /QUEUE_TOKEN_SECRET: must be at least 32 characters \(got "\*\*\*"\)/,
    );
  });

  it('when the admission settings are set, then they are read as numbers', () => {
    const config = readQueueConfig({
      QUEUE_TOKEN_SECRET: SECRET,
      QUEUE_DEFAULT_ADMISSION_RATE: '7',
      QUEUE_DEFAULT_MAX_LENGTH: '3',
      ADMISSION_TTL_SEC: '1',
      ADMISSION_TICK_MS: '50',
      EVENT_SUBJECT_PREFIX: 't_queue',
    });
    expect(config).toMatchObject({
      QUEUE_DEFAULT_ADMISSION_RATE: 7,
      QUEUE_DEFAULT_MAX_LENGTH: 3,
      ADMISSION_TTL_SEC: 1,
      ADMISSION_TICK_MS: 50,
      EVENT_SUBJECT_PREFIX: 't_queue',
    });
  });

  it('when a setting is out of range, then each bad one is named', () => {
    const bad = {
      QUEUE_TOKEN_SECRET: SECRET,
      QUEUE_DEFAULT_ADMISSION_RATE: '0',
      QUEUE_DEFAULT_MAX_LENGTH: '1.5',
      ADMISSION_TTL_SEC: '0',
      ADMISSION_TICK_MS: '0',
      EVENT_SUBJECT_PREFIX: 'a.b',
      NATS_URL: 'http://x',
    };
    const message = (() => {
      try {
        readQueueConfig(bad);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of Object.keys(bad).filter((n) => n !== 'QUEUE_TOKEN_SECRET'))
      expect(message).toContain(`${name}:`);
  });
});
