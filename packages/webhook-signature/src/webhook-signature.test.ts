import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './index';

const SECRET = 'a-webhook-secret-of-at-least-32-characters';
const BODY = '{"pgPaymentId":"pg_1","status":"SUCCESS","amount":12000,"currency":"KRW"}';
const NOW = 1_700_000_000;

function independentHeader(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

describe('signWebhook', () => {
  it('when a body is signed, then the header is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    expect(signWebhook(SECRET, BODY, NOW)).toBe(independentHeader(SECRET, BODY, NOW));
  });

  it('when the body is given as bytes, then the signature is the same as for the text', () => {
    expect(signWebhook(SECRET, Buffer.from(BODY), NOW)).toBe(signWebhook(SECRET, BODY, NOW));
  });

  it('when the time has a fraction or the secret is empty, then signing refuses', () => {
    expect(() => signWebhook(SECRET, BODY, 1.5)).toThrow(/whole number/);
    expect(() => signWebhook('', BODY, NOW)).toThrow(/secret/);
  });
});

describe('verifyWebhook', () => {
  const header = independentHeader(SECRET, BODY, NOW);

  it('when the header was made with the secret over these bytes, then it is OK', () => {
    expect(verifyWebhook(SECRET, BODY, header, NOW, 300)).toBe('OK');
    expect(verifyWebhook(SECRET, Buffer.from(BODY), header, NOW + 300, 300)).toBe('OK');
  });

  it('when one byte of the body differs, then it is INVALID', () => {
    expect(verifyWebhook(SECRET, BODY.replace('12000', '12001'), header, NOW, 300)).toBe('INVALID');
    expect(verifyWebhook(SECRET, `${BODY} `, header, NOW, 300)).toBe('INVALID');
  });

  it('when another secret signed it, then it is INVALID', () => {
    expect(verifyWebhook(`${SECRET}x`, BODY, header, NOW, 300)).toBe('INVALID');
  });

  it('when the timestamp is further than the tolerance either way, then it is EXPIRED', () => {
    expect(verifyWebhook(SECRET, BODY, header, NOW + 301, 300)).toBe('EXPIRED');
    expect(verifyWebhook(SECRET, BODY, header, NOW - 301, 300)).toBe('EXPIRED');
  });

  it('when the timestamp was changed to look fresh, then it is INVALID, not EXPIRED', () => {
    const [, v1] = header.split(',');
    expect(verifyWebhook(SECRET, BODY, `t=${NOW + 1000},${v1}`, NOW + 1000, 300)).toBe('INVALID');
  });

  it('when a bad signature is also old, then it is INVALID: nothing about the time leaks unsigned', () => {
    expect(verifyWebhook(SECRET, BODY, `t=${NOW},v1=${'0'.repeat(64)}`, NOW + 10_000, 300)).toBe('INVALID');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no timestamp', `v1=${'a'.repeat(64)}`],
    ['no signature', `t=${NOW}`],
    ['two timestamps', `t=${NOW},t=${NOW},v1=${'a'.repeat(64)}`],
    ['a non-numeric timestamp', `t=abc,v1=${'a'.repeat(64)}`],
    ['a short signature', `t=${NOW},v1=abcd`],
    ['a non-hex signature', `t=${NOW},v1=${'z'.repeat(64)}`],
    ['a very long header', `t=${NOW},v1=${'a'.repeat(5000)}`],
  ])('when the header is %s, then it is INVALID', (_name, value) => {
    expect(verifyWebhook(SECRET, BODY, value, NOW, 300)).toBe('INVALID');
  });

  it('when the header has spaces after commas or another scheme beside v1, then the v1 signature still counts', () => {
    const [t, v1] = header.split(',');
    expect(verifyWebhook(SECRET, BODY, `${t}, v0=deadbeef, ${v1}`, NOW, 300)).toBe('OK');
  });

  it('when several v1 signatures are present (a secret being rotated), then one match is enough', () => {
    const other = independentHeader('another-secret-of-at-least-32-characters!', BODY, NOW).split(',')[1];
    expect(verifyWebhook(SECRET, BODY, `${header},${other}`, NOW, 300)).toBe('OK');
    expect(verifyWebhook(SECRET, BODY, `t=${NOW},${other},${header.split(',')[1]}`, NOW, 300)).toBe('OK');
  });
});
