import { ConfigError } from '@ticketing/config';
import { readPaymentConfig } from './config';

const PAYMENT_WEBHOOK_SECRET = 'w'.repeat(32);

describe('payment configuration', () => {
  it('when only the webhook secret is set, then the documented defaults apply', () => {
    expect(readPaymentConfig({ PAYMENT_WEBHOOK_SECRET })).toEqual({
      HOST: '127.0.0.1',
      PORT: 50055,
      METRICS_PORT: 9455,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ticketing_payment',
      AUTH_GRPC_URL: '127.0.0.1:50051',
      RESERVATION_GRPC_URL: '127.0.0.1:50054',
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENT_SUBJECT_PREFIX: 'ticketing',
      PAYMENT_PROVIDER_URL: 'http://127.0.0.1:8090',
      PAYMENT_PROVIDER_TIMEOUT_MS: 5000,
      PAYMENT_WEBHOOK_SECRET,
      WEBHOOK_TOLERANCE_SEC: 300,
      CALLBACK_BATCH_MAX: 100,
      CALLBACK_LANES: 4,
      LOG_LEVEL: 'info',
    });
  });

  it('when PAYMENT_WEBHOOK_SECRET is missing, then boot fails naming it', () => {
    expect(() => readPaymentConfig({})).toThrow(ConfigError);
    expect(() => readPaymentConfig({})).toThrow(/PAYMENT_WEBHOOK_SECRET/);
  });

  it('when PAYMENT_WEBHOOK_SECRET is shorter than 32 characters, then boot fails without echoing it', () => {
    const env = { PAYMENT_WEBHOOK_SECRET: 'short-webhook-secret' };
    expect(() => readPaymentConfig(env)).toThrow(/PAYMENT_WEBHOOK_SECRET: must be at least 32/);
    expect(() => readPaymentConfig(env)).not.toThrow(/short-webhook-secret/);
  });

  it('when the provider URL is not http(s), then boot fails naming it', () => {
    expect(
      readPaymentConfig({ PAYMENT_WEBHOOK_SECRET, PAYMENT_PROVIDER_URL: 'https://pg.example.com/api' })
        .PAYMENT_PROVIDER_URL,
    ).toBe('https://pg.example.com/api');
    expect(() => readPaymentConfig({ PAYMENT_WEBHOOK_SECRET, PAYMENT_PROVIDER_URL: 'ftp://pg' })).toThrow(
      /PAYMENT_PROVIDER_URL/,
    );
    expect(() => readPaymentConfig({ PAYMENT_WEBHOOK_SECRET, PAYMENT_PROVIDER_URL: 'localhost:8090' })).toThrow(
      /PAYMENT_PROVIDER_URL/,
    );
  });

  it('when the tolerance is not a whole number of seconds from 1 to 3600, then boot fails naming it', () => {
    expect(readPaymentConfig({ PAYMENT_WEBHOOK_SECRET, WEBHOOK_TOLERANCE_SEC: '60' }).WEBHOOK_TOLERANCE_SEC).toBe(60);
    for (const bad of ['0', '-5', '3601', 'soon', '1.5']) {
      expect(() => readPaymentConfig({ PAYMENT_WEBHOOK_SECRET, WEBHOOK_TOLERANCE_SEC: bad })).toThrow(
        /WEBHOOK_TOLERANCE_SEC/,
      );
    }
  });

  it('when an upstream address or the subject prefix is malformed, then boot fails naming it', () => {
    expect(() => readPaymentConfig({ PAYMENT_WEBHOOK_SECRET, RESERVATION_GRPC_URL: 'http://x' })).toThrow(
      /RESERVATION_GRPC_URL/,
    );
    expect(() => readPaymentConfig({ PAYMENT_WEBHOOK_SECRET, EVENT_SUBJECT_PREFIX: 'a.b' })).toThrow(
      /EVENT_SUBJECT_PREFIX/,
    );
    expect(() => readPaymentConfig({ PAYMENT_WEBHOOK_SECRET, NATS_URL: 'redis://x:1' })).toThrow(/NATS_URL/);
  });
});
