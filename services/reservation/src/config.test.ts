import { ConfigError } from '@ticketing/config';
import { readReservationConfig } from './config';

const QUEUE_TOKEN_SECRET = 'q'.repeat(32);
const TICKET_QR_SECRET = 't'.repeat(32);
const secrets = { QUEUE_TOKEN_SECRET, TICKET_QR_SECRET };

describe('reservation configuration', () => {
  it('when only the secrets are set, then the documented defaults apply', () => {
    expect(readReservationConfig(secrets)).toMatchObject({
      PORT: 50054,
      METRICS_PORT: 9454,
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENT_SUBJECT_PREFIX: 'ticketing',
      HOLD_TTL_SEC: 120,
      SWEEP_INTERVAL_MS: 1000,
      IDEMPOTENCY_TTL_HOURS: 24,
      HOLD_BATCH_MAX: 100,
      TRUSTED_GATEWAYS: ['gateway'],
      QUEUE_TOKEN_SECRET,
      ADMISSION_LOOKBACK_SEC: 300,
      TICKET_QR_SECRET,
      TICKET_QR_KEY_ID: 'k1',
      CANCELLATION_CUTOFF_HOURS: 24,
    });
  });

  it('when TICKET_QR_SECRET is missing or short, then boot fails naming it without echoing it', () => {
    expect(() => readReservationConfig({ QUEUE_TOKEN_SECRET })).toThrow(/TICKET_QR_SECRET/);
    expect(() => readReservationConfig({ ...secrets, TICKET_QR_SECRET: 'short-qr-secret' })).toThrow(
      /TICKET_QR_SECRET: must be at least 32/,
    );
    expect(() => readReservationConfig({ ...secrets, TICKET_QR_SECRET: 'short-qr-secret' })).not.toThrow(
      /short-qr-secret/,
    );
  });

  it('when the QR key id is not a short token of letters and digits, then boot fails naming it', () => {
    expect(readReservationConfig({ ...secrets, TICKET_QR_KEY_ID: 'k2026-05' }).TICKET_QR_KEY_ID).toBe('k2026-05');
    for (const bad of ['k.1', 'k 1', 'a'.repeat(33)])
      expect(() => readReservationConfig({ ...secrets, TICKET_QR_KEY_ID: bad })).toThrow(/TICKET_QR_KEY_ID/);
  });

  it('when the cancellation cut-off is set, then whole hours from 0 are accepted and junk is refused', () => {
    expect(readReservationConfig({ ...secrets, CANCELLATION_CUTOFF_HOURS: '0' }).CANCELLATION_CUTOFF_HOURS).toBe(0);
    expect(readReservationConfig({ ...secrets, CANCELLATION_CUTOFF_HOURS: '72' }).CANCELLATION_CUTOFF_HOURS).toBe(72);
    for (const bad of ['-1', '1.5', 'soon'])
      expect(() => readReservationConfig({ ...secrets, CANCELLATION_CUTOFF_HOURS: bad })).toThrow(
        /CANCELLATION_CUTOFF_HOURS/,
      );
  });

  it('when QUEUE_TOKEN_SECRET is missing, then boot fails naming it', () => {
    expect(() => readReservationConfig({ TICKET_QR_SECRET })).toThrow(/QUEUE_TOKEN_SECRET/);
  });

  it('when QUEUE_TOKEN_SECRET is shorter than 32 characters, then boot fails without echoing it', () => {
    expect(() => readReservationConfig({ TICKET_QR_SECRET, QUEUE_TOKEN_SECRET: 'short-queue-secret' })).toThrow(
      /QUEUE_TOKEN_SECRET: must be at least 32/,
    );
    expect(() => readReservationConfig({ TICKET_QR_SECRET, QUEUE_TOKEN_SECRET: 'short-queue-secret' })).not.toThrow(
      /short-queue-secret/,
    );
  });

  it('when the admission look-back is not a positive number of seconds, then boot fails naming it', () => {
    expect(readReservationConfig({ ...secrets, ADMISSION_LOOKBACK_SEC: '600' }).ADMISSION_LOOKBACK_SEC).toBe(600);
    expect(() => readReservationConfig({ ...secrets, ADMISSION_LOOKBACK_SEC: '0' })).toThrow(/ADMISSION_LOOKBACK_SEC/);
  });

  it('when idempotency keys would be kept under 24 hours, then start-up fails naming the variable', () => {
    expect(() => readReservationConfig({ ...secrets, IDEMPOTENCY_TTL_HOURS: '23' })).toThrow(ConfigError);
    expect(() => readReservationConfig({ ...secrets, IDEMPOTENCY_TTL_HOURS: '23' })).toThrow(
      /IDEMPOTENCY_TTL_HOURS: must be at least 24/,
    );
  });

  it('when grouping is turned off with a batch of 1, then that is accepted; 0 or junk is refused', () => {
    expect(readReservationConfig({ ...secrets, HOLD_BATCH_MAX: '1' }).HOLD_BATCH_MAX).toBe(1);
    expect(() => readReservationConfig({ ...secrets, HOLD_BATCH_MAX: '0' })).toThrow(/HOLD_BATCH_MAX/);
    expect(() => readReservationConfig({ ...secrets, HOLD_TTL_SEC: 'soon' })).toThrow(/HOLD_TTL_SEC/);
    expect(() => readReservationConfig({ ...secrets, EVENT_SUBJECT_PREFIX: 'a.b' })).toThrow(/EVENT_SUBJECT_PREFIX/);
  });
});
