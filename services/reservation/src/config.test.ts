import { ConfigError } from '@ticketing/config';
import { readReservationConfig } from './config';

describe('reservation configuration', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    expect(readReservationConfig({})).toMatchObject({
      PORT: 50054,
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENT_SUBJECT_PREFIX: 'ticketing',
      HOLD_TTL_SEC: 120,
      SWEEP_INTERVAL_MS: 1000,
      IDEMPOTENCY_TTL_HOURS: 24,
      HOLD_BATCH_MAX: 50,
    });
  });

  it('when idempotency keys would be kept under 24 hours, then start-up fails naming the variable', () => {
    expect(() => readReservationConfig({ IDEMPOTENCY_TTL_HOURS: '23' })).toThrow(ConfigError);
    expect(() => readReservationConfig({ IDEMPOTENCY_TTL_HOURS: '23' })).toThrow(
      /IDEMPOTENCY_TTL_HOURS: must be at least 24/,
    );
  });

  it('when grouping is turned off with a batch of 1, then that is accepted; 0 or junk is refused', () => {
    expect(readReservationConfig({ HOLD_BATCH_MAX: '1' }).HOLD_BATCH_MAX).toBe(1);
    expect(() => readReservationConfig({ HOLD_BATCH_MAX: '0' })).toThrow(/HOLD_BATCH_MAX/);
    expect(() => readReservationConfig({ HOLD_TTL_SEC: 'soon' })).toThrow(/HOLD_TTL_SEC/);
    expect(() => readReservationConfig({ EVENT_SUBJECT_PREFIX: 'a.b' })).toThrow(/EVENT_SUBJECT_PREFIX/);
  });
});
