import { createHmac } from 'node:crypto';
import { createTicketQrSigner, verifyTicketQr, type TicketClaims } from './ticket-qr';

const SECRET = 'a-ticket-qr-secret-of-at-least-32-characters';
const claims: TicketClaims = {
  ticketId: '0b7e6c1a-2d3f-4a5b-8c9d-e0f1a2b3c4d5',
  code: 'q8G1m3b2T0n9Zk4xW7c5Yg',
  holdId: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
  sessionId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
};
const keys = { k1: SECRET };

describe('ticket QR payloads', () => {
  const signer = createTicketQrSigner('k1', SECRET);

  it('when a ticket is signed, then the payload is tq1.<kid>.<payload>.<sig> and verifies back to its claims', () => {
    const payload = signer.sign(claims);
    expect(payload).toMatch(/^tq1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyTicketQr(payload, keys)).toEqual(claims);
  });

  it('when the payload part is decoded, then it is the JSON a scanner reads: t, c, h, s', () => {
    const encoded = signer.sign(claims).split('.')[2]!;
    expect(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))).toEqual({
      t: claims.ticketId,
      c: claims.code,
      h: claims.holdId,
      s: claims.sessionId,
    });
  });

  it('when the payload is changed, then verification fails', () => {
    const [version, kid, , signature] = signer.sign(claims).split('.');
    const other = Buffer.from(
      JSON.stringify({ t: claims.ticketId, c: claims.code, h: claims.holdId, s: 'another-session' }),
    ).toString('base64url');
    expect(verifyTicketQr(`${version}.${kid}.${other}.${signature}`, keys)).toBeNull();
  });

  it('when the key id is changed to another known key, then verification fails (the key id is signed too)', () => {
    const [version, , payload, signature] = signer.sign(claims).split('.');
    expect(verifyTicketQr(`${version}.k2.${payload}.${signature}`, { ...keys, k2: SECRET })).toBeNull();
  });

  it('when another secret signed it, or its key id is unknown, then verification fails', () => {
    const forger = createTicketQrSigner('k1', 'another-secret-that-is-also-32-characters-long');
    expect(verifyTicketQr(forger.sign(claims), keys)).toBeNull();
    expect(verifyTicketQr(signer.sign(claims), { k2: SECRET })).toBeNull();
  });

  it('when keys are rotated, then a scanner holding both key ids verifies old and new payloads', () => {
    const next = createTicketQrSigner('k2', 'the-next-ticket-qr-secret-of-32-characters');
    const both = { k1: SECRET, k2: 'the-next-ticket-qr-secret-of-32-characters' };
    expect(verifyTicketQr(signer.sign(claims), both)).toEqual(claims);
    expect(verifyTicketQr(next.sign(claims), both)).toEqual(claims);
  });

  it('when the same ticket is signed twice, then the payload is the same (it can be rendered again)', () => {
    expect(signer.sign({ ...claims })).toBe(signer.sign(claims));
  });

  it('when the signature covers a payload that is not ticket claims, then it is refused without throwing', () => {
    const mac = (body: string) => createHmac('sha256', SECRET).update(`tq1.k1.${body}`).digest('base64url');
    for (const json of ['[1,2]', '{"t":"x"}', 'not json']) {
      const body = Buffer.from(json).toString('base64url');
      expect(verifyTicketQr(`tq1.k1.${body}.${mac(body)}`, keys)).toBeNull();
    }
  });

  it.each(['', 'tq1', 'tq1.k1..', 'tq2.k1.e30.c2ln', 'tq1.k1.!!!.???', 'not a ticket'])(
    'when the payload is malformed (%s), then it is refused without throwing',
    (payload) => {
      expect(verifyTicketQr(payload, keys)).toBeNull();
    },
  );

  it('when the payload is far longer than any ticket, then it is refused before any HMAC', () => {
    expect(verifyTicketQr(`tq1.k1.${'A'.repeat(900)}.x`, keys)).toBeNull();
  });

  it('when the signing secret is shorter than 32 characters, then the signer is not made', () => {
    expect(() => createTicketQrSigner('k1', 'short')).toThrow(/32/);
  });
});
