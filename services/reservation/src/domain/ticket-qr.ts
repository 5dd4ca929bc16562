import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a ticket's QR code proves: this ticket, with this code, of this hold, admits to this session. */
export interface TicketClaims {
  ticketId: string;
  code: string;
  holdId: string;
  sessionId: string;
}

export interface TicketQrSigner {
  keyId: string;
  sign(claims: TicketClaims): string;
}

const VERSION = 'tq1';
/** Far above a real payload (about 250 characters), far below what would cost anything to check. */
const MAX_PAYLOAD_LENGTH = 640;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// The version and key id are inside the MAC, so neither can be swapped on a genuine payload.
const mac = (secret: string, keyId: string, body: string) =>
  createHmac('sha256', secret).update(`${VERSION}.${keyId}.${body}`).digest();

/**
 * `tq1.<kid>.<base64url(JSON {t, c, h, s})>.<base64url(HMAC-SHA256)>`. The same ticket always gives
 * the same payload, so it can be rendered again at any time without being stored.
 */
export function createTicketQrSigner(keyId: string, secret: string): TicketQrSigner {
  if (secret.length < 32) throw new Error('the ticket QR secret must be at least 32 characters');
  return {
    keyId,
    sign: (claims) => {
      const body = Buffer.from(
        JSON.stringify({ t: claims.ticketId, c: claims.code, h: claims.holdId, s: claims.sessionId }),
      ).toString('base64url');
      return `${VERSION}.${keyId}.${body}.${mac(secret, keyId, body).toString('base64url')}`;
    },
  };
}

/**
 * What a door scanner runs offline, with the secrets it was given by key id: the claims, or null for
 * anything not signed by one of those keys. Whether the ticket is still VALID (not cancelled, not
 * used) is the scanner's list to check; a signature cannot say it.
 */
export function verifyTicketQr(payload: string, keys: Readonly<Record<string, string>>): TicketClaims | null {
  if (payload.length > MAX_PAYLOAD_LENGTH) return null;
  const [version, keyId, body, signature, ...rest] = payload.split('.');
  if (version !== VERSION || !keyId || !body || !signature || rest.length > 0) return null;
  const secret = Object.hasOwn(keys, keyId) ? keys[keyId] : undefined;
  if (!secret || !BASE64URL.test(body) || !BASE64URL.test(signature)) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, keyId, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return claimsOf(body);
}

function claimsOf(body: string): TicketClaims | null {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return null;
  const { t, c, h, s } = fields as Record<string, unknown>;
  const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
  if (!text(t) || !text(c) || !text(h) || !text(s)) return null;
  return { ticketId: t, code: c, holdId: h, sessionId: s };
}
