import { createHmac, timingSafeEqual } from 'node:crypto';

export type WebhookVerdict = 'OK' | 'INVALID' | 'EXPIRED';

/** The header a signed webhook carries. */
export const SIGNATURE_HEADER = 'x-signature';

/** A real header is about 80 characters; anything far longer is refused before any work. */
const MAX_HEADER_LENGTH = 1024;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const SECONDS = /^\d{1,12}$/;

function mac(secret: string, rawBody: string | Uint8Array, t: number): Buffer {
  if (secret.length === 0) throw new Error('the webhook secret must not be empty');
  // The bytes are hashed as received: re-serialising JSON would change them.
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the value of `X-Signature`. */
export function signWebhook(secret: string, rawBody: string | Uint8Array, nowSeconds: number): string {
  if (!Number.isSafeInteger(nowSeconds) || nowSeconds < 0) {
    throw new Error('the signing time must be a whole number of seconds since the epoch');
  }
  return `t=${nowSeconds},v1=${mac(secret, rawBody, nowSeconds).toString('hex')}`;
}

/**
 * Checks the signature before the time, so an unsigned header learns nothing about the window:
 * INVALID for anything not made with this secret over these exact bytes, EXPIRED for a genuine
 * signature whose timestamp is more than `toleranceSec` away from now (a replay). Several `v1`
 * entries are allowed, as while a secret is rotated; one match is enough.
 */
export function verifyWebhook(
  secret: string,
  rawBody: string | Uint8Array,
  header: string | undefined,
  nowSeconds: number,
  toleranceSec: number,
): WebhookVerdict {
  const parsed = parseHeader(header);
  if (!parsed) return 'INVALID';
  const expected = mac(secret, rawBody, parsed.t);
  // Every candidate is compared, so the time taken does not depend on which one matched.
  let matched = false;
  for (const candidate of parsed.signatures) {
    if (timingSafeEqual(Buffer.from(candidate, 'hex'), expected)) matched = true;
  }
  if (!matched) return 'INVALID';
  return Math.abs(nowSeconds - parsed.t) > toleranceSec ? 'EXPIRED' : 'OK';
}

function parseHeader(header: string | undefined): { t: number; signatures: string[] } | null {
  if (!header || header.length > MAX_HEADER_LENGTH) return null;
  let t: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (value === undefined || rest.length > 0) return null;
    if (key === 't') {
      if (t !== undefined || !SECONDS.test(value)) return null;
      t = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return null;
      signatures.push(value);
    }
  }
  return t === undefined || signatures.length === 0 ? null : { t, signatures };
}
