import { createHmac } from 'node:crypto';
import { createQueueTokens, type QueueTicket } from './queue-token';

const SECRET = 'a-queue-token-secret-of-at-least-32-characters';
const ticket: QueueTicket = {
  sessionId: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
  userId: 'user-1',
  place: 42,
  issuedAt: Date.parse('2026-12-01T10:00:00Z'),
  nonce: 'bm9uY2Utbm9uY2Utbm9uY2U',
};

describe('queue tokens', () => {
  const tokens = createQueueTokens(SECRET);

  it('when a ticket is signed and read back, then every field survives', () => {
    expect(tokens.read(tokens.sign(ticket))).toEqual(ticket);
  });

  it('when the same ticket is signed twice, then the token is the same (entering again gives it back)', () => {
    expect(tokens.sign({ ...ticket })).toBe(tokens.sign(ticket));
  });

  it('when the payload is changed, then the token is refused', () => {
    const [version, , signature] = tokens.sign(ticket).split('.');
    const forged = Buffer.from(JSON.stringify([ticket.sessionId, 'user-2', 1, ticket.issuedAt, ticket.nonce])).toString(
      'base64url',
    );
    expect(tokens.read(`${version}.${forged}.${signature}`)).toBeNull();
  });

  it('when another secret signed it, then it is refused', () => {
    const other = createQueueTokens('another-secret-that-is-also-32-characters-long');
    expect(tokens.read(other.sign(ticket))).toBeNull();
  });

  it.each(['', 'qt1', 'qt1..', 'qt1.e30.', 'qt2.e30.c2ln', 'not a token', 'qt1.!!!.???', `qt1.${'A'.repeat(600)}.x`])(
    'when the token is malformed (%s), then it is refused without throwing',
    (token) => {
      expect(tokens.read(token)).toBeNull();
    },
  );

  it('when the payload is well signed but not a ticket, then it is refused', () => {
    // Signed with the right secret in the token's layout, as only the queue could.
    const sign = (payload: unknown) => {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `qt1.${body}.${createHmac('sha256', SECRET).update(`qt1.${body}`).digest('base64url')}`;
    };
    expect(tokens.read(sign({ s: 1 }))).toBeNull();
    expect(tokens.read(sign([ticket.sessionId, 'user-1', 0, ticket.issuedAt, ticket.nonce]))).toBeNull();
    expect(tokens.read(sign([ticket.sessionId, '', 3, ticket.issuedAt, ticket.nonce]))).toBeNull();
  });

  it('when the secret is short, then creating the signer fails', () => {
    expect(() => createQueueTokens('short')).toThrow(/at least 32/);
  });
});
