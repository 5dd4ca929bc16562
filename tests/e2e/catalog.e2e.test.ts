import type { IsolatedSystem } from '@ticketing/system-runner';
import { ADMIN, call, startSystemWithAdmin } from './support';

describe('catalog end to end: an admin puts a show on sale, a buyer finds it', () => {
  let system: IsolatedSystem;
  const admin = ADMIN;
  const buyer = { email: 'buyer@example.com', password: 'Concert2026' };
  let adminToken: string;

  beforeAll(async () => {
    system = await startSystemWithAdmin('e2e_catalog');
    adminToken = (await call(system.gatewayUrl, 'POST', '/api/auth/login', admin)).body.accessToken;
  });
  afterAll(async () => {
    if (system) await system.teardown();
  });

  it('when an admin creates an event and a session, then a signed-in buyer lists them with remaining == totalStock and OPEN', async () => {
    const base = system.gatewayUrl;
    const event = await call(
      base,
      'POST',
      '/api/admin/events',
      { title: 'Spring Concert', venue: 'Seoul Arena', description: 'Strings', status: 'PUBLISHED' },
      adminToken,
    );
    expect(event).toMatchObject({
      status: 201,
      body: { id: expect.any(String), title: 'Spring Concert', status: 'PUBLISHED' },
    });
    const startAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const session = await call(
      base,
      'POST',
      `/api/admin/events/${event.body.id}/sessions`,
      { startAt, price: 99000, currency: 'KRW', totalStock: 500 },
      adminToken,
    );
    expect(session).toMatchObject({
      status: 201,
      body: {
        id: expect.any(String),
        eventId: event.body.id,
        totalStock: 500,
        remaining: 500,
        status: 'OPEN',
        seatingKind: 'QUANTITY',
      },
    });

    expect((await call(base, 'POST', '/api/auth/signup', buyer)).status).toBe(201);
    const login = await call(base, 'POST', '/api/auth/login', buyer);
    expect(login.status).toBe(200);
    const token = login.body.accessToken;

    const events = await call(base, 'GET', '/api/events', undefined, token);
    expect(events).toMatchObject({
      status: 200,
      body: { items: [{ id: event.body.id, title: 'Spring Concert' }], nextCursor: null },
    });
    const sessions = await call(base, 'GET', `/api/events/${event.body.id}/sessions`, undefined, token);
    expect(sessions.status).toBe(200);
    expect(sessions.body).toEqual({
      items: [
        {
          id: session.body.id,
          startAt: session.body.startAt,
          salesOpenAt: session.body.salesOpenAt,
          salesCloseAt: startAt,
          price: 99000,
          currency: 'KRW',
          remaining: 500,
          totalStock: 500,
          queueEnabled: false,
          seatingKind: 'QUANTITY',
          status: 'OPEN',
        },
      ],
      nextCursor: null,
    });
    const detail = await call(base, 'GET', `/api/sessions/${session.body.id}`, undefined, token);
    expect(detail).toMatchObject({ status: 200, body: { id: session.body.id, remaining: 500, status: 'OPEN' } });

    expect((await call(base, 'POST', '/api/admin/events', { title: 'x', venue: 'y' }, token)).status).toBe(403);
    expect((await call(base, 'POST', '/api/admin/events', { title: 'x', venue: 'y' })).status).toBe(401);
  });

  it('when a draft has sessions, then buyers cannot see it and the admin can', async () => {
    const base = system.gatewayUrl;
    const draft = await call(base, 'POST', '/api/admin/events', { title: 'Secret Gig', venue: 'Basement' }, adminToken);
    expect(draft.body.status).toBe('DRAFT');
    expect((await call(base, 'GET', `/api/events/${draft.body.id}`)).body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect((await call(base, 'GET', `/api/events/${draft.body.id}/sessions`)).status).toBe(404);
    expect((await call(base, 'GET', `/api/admin/events/${draft.body.id}`, undefined, adminToken)).body).toMatchObject({
      id: draft.body.id,
      status: 'DRAFT',
    });
  });

  it('when a seat map repeats a label or the sales window is reversed, then 400 with a code naming the field', async () => {
    const base = system.gatewayUrl;
    const event = await call(
      base,
      'POST',
      '/api/admin/events',
      { title: 'Seated', venue: 'Hall', status: 'PUBLISHED' },
      adminToken,
    );
    const startAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const duplicate = await call(
      base,
      'POST',
      `/api/admin/events/${event.body.id}/sessions`,
      { startAt, price: 1000, currency: 'KRW', seats: [{ label: 'A1' }, { label: 'A1' }] },
      adminToken,
    );
    expect(duplicate).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', errors: [{ field: 'seats[1].label' }] },
    });
    const reversed = await call(
      base,
      'POST',
      `/api/admin/events/${event.body.id}/sessions`,
      {
        startAt,
        salesOpenAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        salesCloseAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        price: 1000,
        currency: 'KRW',
        totalStock: 5,
      },
      adminToken,
    );
    expect(reversed).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', errors: [{ field: 'salesCloseAt' }] },
    });
    const negative = await call(
      base,
      'POST',
      `/api/admin/events/${event.body.id}/sessions`,
      { startAt, price: 1000, currency: 'KRW', totalStock: -3 },
      adminToken,
    );
    expect(negative).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});
