import { ConfigError } from '@ticketing/config';
import { readReservationConfig } from './config';

const QUEUE_TOKEN_SECRET = 'q'.repeat(32);

describe('reservation configuration', () => {
  it('when only the queue token secret is set, then the documented defaults apply', () => {
    expect(readReservationConfig({ QUEUE_TOKEN_SECRET })).toMatchObject({
      PORT: 50054,
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENT_SUBJECT_PREFIX: 'ticketing',
      HOLD_TTL_SEC: 120,
      SWEEP_INTERVAL_MS: 1000,
      IDEMPOTENCY_TTL_HOURS: 24,
      HOLD_BATCH_MAX: 50,
      QUEUE_TOKEN_SECRET,
      ADMISSION_LOOKBACK_SEC: 300,
    });
  });

  it('when QUEUE_TOKEN_SECRET is missing, then boot fails naming it', () => {
    expect(() => readReservationConfig({})).toThrow(/QUEUE_TOKEN_SECRET/);
  });

  it('when QUEUE_TOKEN_SECRET is shorter than 32 characters, then boot fails without echoing it', () => {
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET: 'short-queue-secret' })).toThrow(
      /QUEUE_TOKEN_SECRET: must be at least 32/,
    );
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET: 'short-queue-secret' })).not.toThrow(/short-queue-secret/);
  });

  it('when the admission look-back is not a positive number of seconds, then boot fails naming it', () => {
    expect(readReservationConfig({ QUEUE_TOKEN_SECRET, ADMISSION_LOOKBACK_SEC: '600' }).ADMISSION_LOOKBACK_SEC).toBe(
      600,
    );
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET, ADMISSION_LOOKBACK_SEC: '0' })).toThrow(
      /ADMISSION_LOOKBACK_SEC/,
    );
  });

  it('when idempotency keys would be kept under 24 hours, then start-up fails naming the variable', () => {
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET, IDEMPOTENCY_TTL_HOURS: '23' })).toThrow(ConfigError);
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET, IDEMPOTENCY_TTL_HOURS: '23' })).toThrow(
      /IDEMPOTENCY_TTL_HOURS: must be at least 24/,
    );
  });

  it('when grouping is turned off with a batch of 1, then that is accepted; 0 or junk is refused', () => {
    expect(readReservationConfig({ QUEUE_TOKEN_SECRET, HOLD_BATCH_MAX: '1' }).HOLD_BATCH_MAX).toBe(1);
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET, HOLD_BATCH_MAX: '0' })).toThrow(/HOLD_BATCH_MAX/);
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET, HOLD_TTL_SEC: 'soon' })).toThrow(/HOLD_TTL_SEC/);
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET, EVENT_SUBJECT_PREFIX: 'a.b' })).toThrow(
      /EVENT_SUBJECT_PREFIX/,
    );
  });
});
