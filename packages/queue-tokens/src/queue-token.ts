import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a queue token says: this user holds this place in this session's line. */
export interface QueueTicket {
  sessionId: string;
  userId: string;
  /** 1 for the first user who entered the session. */
  place: number;
  /** When the place was taken (ms since the epoch). */
  issuedAt: number;
  /** Random, so a token cannot be guessed from the other fields. */
  nonce: string;
}

export interface QueueTokens {
  sign(ticket: QueueTicket): string;
  /** The ticket, or null for anything not signed with this secret or not shaped as a ticket. */
  read(token: string): QueueTicket | null;
}

const VERSION = 'qt1';
/** Far above a real token (about 200 characters), far below what would cost anything to check. */
const MAX_TOKEN_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * HMAC-SHA256 tokens shared by the queue (which signs) and the reservation service (which checks,
 * with no call to the queue). `qt1.<payload>.<signature>`, both base64url; the payload is the
 * ticket as a JSON array. The same ticket always gives the same token.
 */
export function createQueueTokens(secret: string): QueueTokens {
  if (secret.length < 32) throw new Error('the queue token secret must be at least 32 characters');
  const mac = (payload: string) => createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest();
  const signRaw = (payload: string) => `${VERSION}.${payload}.${mac(payload).toString('base64url')}`;
  return {
    sign: (ticket) =>
      signRaw(
        Buffer.from(
          JSON.stringify([ticket.sessionId, ticket.userId, ticket.place, ticket.issuedAt, ticket.nonce]),
        ).toString('base64url'),
      ),
    read: (token) => {
      if (token.length > MAX_TOKEN_LENGTH) return null;
      const [version, payload, signature, ...rest] = token.split('.');
      if (version !== VERSION || !payload || !signature || rest.length > 0) return null;
      if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return ticketOf(payload);
    },
  };
}

function ticketOf(payload: string): QueueTicket | null {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(fields) || fields.length !== 5) return null;
  const [sessionId, userId, place, issuedAt, nonce] = fields as unknown[];
  const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
  if (!text(sessionId) || !text(userId) || !text(nonce)) return null;
  if (!Number.isSafeInteger(place) || (place as number) < 1) return null;
  if (!Number.isSafeInteger(issuedAt) || (issuedAt as number) < 0) return null;
  return { sessionId, userId, place: place as number, issuedAt: issuedAt as number, nonce };
}
