import type { FastifyInstance } from 'fastify';
import { signingKey, startHarness, type Harness } from './harness';
import { HOLD, restHold } from './reservation-fixtures';
import { CLOSED_HOLD, fakeTickets, QR_PAYLOAD, SEAT_ID, SEAT_TICKET, ticket, TICKET } from './ticket-fixtures';

/** Cancelling a sold hold, over a real gRPC server with canned answers. */
const { methods, received, reset } = fakeTickets();

describe('gateway cancellation route', () => {
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

  const cancel = (holdId: string, headers: Record<string, string> = { 'idempotency-key': 'cancel-1' }) =>
    app.inject({
      method: 'POST',
      url: `/api/reservations/${holdId}/cancel`,
      headers: { authorization: user, ...headers },
    });

  it('when a sold hold is cancelled, then the service gets hold, key and caller; 200 with the hold', async () => {
    const response = await cancel(HOLD);
    expect(response.statusCode).toBe(200);
    expect(received.cancel[0]).toEqual({
      request: { holdId: HOLD, idempotencyKey: 'cancel-1', reason: '' },
      caller: user,
    });
    expect(response.json()).toEqual({
      ...restHold,
      status: 'CANCELLED',
      tickets: [
        { id: TICKET, status: 'CANCELLED' },
        { id: SEAT_TICKET, status: 'CANCELLED', seat: { seatId: SEAT_ID, label: 'A1' } },
      ],
    });
  });

  it('when the hold shows its tickets, then neither their codes nor their QR payloads are in it', async () => {
    const response = await cancel(HOLD);
    expect(response.body).not.toContain(ticket.code);
    expect(response.body).not.toContain(QR_PAYLOAD);
  });

  it('when the Idempotency-Key is missing or malformed, then 400 as for holds, service not called', async () => {
    expect((await cancel(HOLD, {})).json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    expect((await cancel(HOLD, { 'idempotency-key': 'semi;colon' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/idempotency-key', in: 'headers' }],
    });
    expect(received.cancel).toHaveLength(0);
  });

  it("when the cut-off has passed or the hold is not the caller's, then the service's 409 and 404", async () => {
    const closed = await cancel(CLOSED_HOLD);
    expect(closed.statusCode).toBe(409);
    expect(closed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(closed.json()).toMatchObject({ code: 'CANCELLATION_CLOSED' });
    expect((await cancel('other')).statusCode).toBe(404);
  });

  it('when no one is signed in, then it is 401 and the service is not called', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/reservations/${HOLD}/cancel`,
      headers: { 'idempotency-key': 'cancel-1' },
    });
    expect(response.statusCode).toBe(401);
    expect(received.cancel).toHaveLength(0);
  });
});
