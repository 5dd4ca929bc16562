import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import { EVENT_ID, event, fakeCatalog, SEAT_ID, SESSION_ID, session } from './catalog-fixtures';
import { signingKey, startHarness, type Harness } from './harness';

/** The public catalog routes over a canned catalog: listings, the short cache, ids in paths. */
const catalog = fakeCatalog();
const { calls, lastCall } = catalog;

describe('public catalog routes of the gateway', () => {
  let harness: Harness;
  let app: FastifyInstance;

  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    harness = await startHarness({ catalog: catalog.methods }, await signingKey());
    app = harness.app;
  });
  afterAll(() => harness.close());
  beforeEach(() => catalog.reset());

  it('when anyone lists the sessions of an event, then each has remaining, status and a flat price, and the page shape is items + nextCursor', async () => {
    const response = await get(`/api/events/${EVENT_ID}/sessions?limit=7`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          id: SESSION_ID,
          startAt: session.startAt,
          salesOpenAt: session.salesOpenAt,
          salesCloseAt: session.salesCloseAt,
          price: 99000,
          currency: 'KRW',
          remaining: 2,
          totalStock: 2,
          queueEnabled: true,
          seatingKind: 'SEAT_MAP',
          status: 'OPEN',
        },
      ],
      nextCursor: 'page-2',
    });
    expect(lastCall().request).toMatchObject({ eventId: EVENT_ID, pageSize: 7, cursor: '', includeUnpublished: false });
  });

  it('when the same session page is asked again at once, then it comes from the short cache; another page is asked for', async () => {
    const url = `/api/events/${EVENT_ID}/sessions?limit=3`;
    await Promise.all(Array.from({ length: 20 }, () => get(url)));
    expect(calls).toHaveLength(1);
    await get(`${url}&cursor=page-2`);
    expect(calls).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await get(url);
    expect(calls).toHaveLength(3);
  });

  it('when the catalog says the event is unknown, then the listing is 404 and the error is not cached', async () => {
    catalog.failWith = new AppError('NOT_FOUND', 'event not found');
    const url = `/api/events/${EVENT_ID}/sessions?limit=9`;
    expect((await get(url)).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    catalog.failWith = null;
    expect((await get(url)).statusCode).toBe(200);
  });

  it('when an event or a session is fetched, then the event comes whole and the session with its seats', async () => {
    expect((await get(`/api/events/${EVENT_ID}`)).json()).toEqual(event);
    expect(lastCall().request).toMatchObject({ eventId: EVENT_ID, includeUnpublished: false });
    const detail = (await get(`/api/sessions/${SESSION_ID}`)).json();
    expect(detail).toMatchObject({
      id: SESSION_ID,
      eventId: EVENT_ID,
      status: 'OPEN',
      seats: [{ id: SEAT_ID, label: 'A1', section: 'VIP', price: 150000 }, expect.any(Object)],
    });
    expect(detail.admissionRatePerSec).toBeUndefined();
  });

  it('when an id in the path is not a UUID, then 400 VALIDATION_FAILED', async () => {
    expect((await get('/api/events/not-an-id')).json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await get('/api/sessions/42')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('when the OpenAPI document is fetched, then the catalog routes are in it', async () => {
    const doc = (await get('/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/events/{eventId}/sessions',
        '/api/sessions/{sessionId}',
        '/api/admin/events',
        '/api/admin/sessions/{sessionId}',
      ]),
    );
  });
});
