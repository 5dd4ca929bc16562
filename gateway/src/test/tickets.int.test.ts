import type { FastifyInstance } from 'fastify';
import * as QRCode from 'qrcode';
import { signingKey, startHarness, type Harness } from './harness';
import {
  CANCELLED_TICKET,
  fakeTickets,
  QR_PAYLOAD,
  restSeatTicket,
  restTicket,
  SEAT_TICKET,
  TICKET,
} from './ticket-fixtures';

/** The buyer's tickets and their QR images, over a real gRPC server with canned answers. */
const { methods, received, reset } = fakeTickets();
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('gateway ticket routes', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let user: string;

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness({ reservation: methods }, key);
    app = harness.app;
    user = `Bearer ${await key.sign({ sub: 'buyer-1' })}`;
  });
  afterAll(() => harness.close());
  beforeEach(reset);

  const qr = (ticketId: string, accept?: string) =>
    app.inject({
      method: 'GET',
      url: `/api/me/tickets/${ticketId}/qr`,
      headers: { authorization: user, ...(accept === undefined ? {} : { accept }) },
    });

  it('when my tickets are listed, then paging reaches the service; each: seat or quantity 1, no code', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/me/tickets?limit=5&cursor=abc',
      headers: { authorization: user },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [restTicket, restSeatTicket], nextCursor: 'next-page' });
    expect(received.listMyTickets[0]).toEqual({ request: { pageSize: 5, cursor: 'abc' }, caller: user });
    expect(response.body).not.toContain(QR_PAYLOAD.split('.')[2]);
  });

  it('when a QR code is asked without Accept, then the SVG of the ticket payload, not cached by others', async () => {
    const response = await qr(TICKET);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers.vary).toMatch(/Accept/);
    expect(response.body).toBe(await QRCode.toString(QR_PAYLOAD, { type: 'svg' }));
    expect(received.getMyTicket[0]).toEqual({ request: { ticketId: TICKET }, caller: user });
  });

  it('when Accept prefers PNG, then it is a PNG of the ticket payload', async () => {
    for (const accept of ['image/png', 'image/svg+xml;q=0.5, image/png', 'image/png, */*;q=0.1']) {
      const response = await qr(SEAT_TICKET, accept);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.rawPayload.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(response.rawPayload.equals(await QRCode.toBuffer(QR_PAYLOAD, { type: 'png' }))).toBe(true);
    }
  });

  it('when Accept takes both alike, a wildcard, or neither, then SVG, the default', async () => {
    for (const accept of ['image/svg+xml, image/png', 'image/*', '*/*', 'image/png;q=0', 'application/json']) {
      const response = await qr(TICKET, accept);
      expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    }
  });

  it("when the ticket is another user's, then 404 problem+json, whatever the Accept", async () => {
    const response = await qr('00000000-0000-4000-8000-000000000000', 'image/png');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when the ticket is cancelled, then no QR code: 409 CONFLICT, as it admits no one', async () => {
    const response = await qr(CANCELLED_TICKET);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CONFLICT' });
  });

  it('when no one is signed in, then both ticket routes are 401 and the service is not called', async () => {
    for (const url of ['/api/me/tickets', `/api/me/tickets/${TICKET}/qr`]) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    expect(received.listMyTickets).toHaveLength(0);
    expect(received.getMyTicket).toHaveLength(0);
  });
});
