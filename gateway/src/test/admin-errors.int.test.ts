import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import { eventually } from '@ticketing/testing';
import { EVENT_ID, fakeCatalog } from './catalog-fixtures';
import { signingKey, startHarness, type Harness } from './harness';

/** The failed-requests list: what is kept (and what never is), newest first, across pages. */
const catalog = fakeCatalog();

describe('GET /api/admin/errors', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let admin: string;
  let buyer: string;
  const get = (url: string, token = '') =>
    app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const recorded = async () => (await get('/api/admin/errors?limit=200', admin)).json().items as any[];
  const waitFor = (count: number) => eventually(async () => (await recorded()).length >= count);

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness({ catalog: catalog.methods }, key);
    app = harness.app;
    admin = await key.sign({ sub: 'admin-1', roles: ['USER', 'ADMIN'] });
    buyer = await key.sign({ sub: 'buyer-7', roles: ['USER'] });
  });
  afterAll(() => harness.close());
  beforeEach(() => catalog.reset());

  it('when requests fail, then 5xx and unexpected 4xx are kept newest first with their trace id; normal refusals are not', async () => {
    const unknown = await get('/api/nowhere/42?token=secret-in-query', buyer);
    catalog.failWith = new AppError('SOLD_OUT');
    await get(`/api/events/${EVENT_ID}`, buyer);
    catalog.failWith = new AppError('INTERNAL', 'db exploded at 10.0.0.3');
    const broken = await get(`/api/events/${EVENT_ID}`, buyer);
    catalog.failWith = null;
    await get('/api/me');
    const invalid = await get('/api/events?limit=0');
    await waitFor(3);
    const items = await recorded();
    expect(items).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        method: 'GET',
        route: '/api/events',
        path: '/api/events',
        status: 400,
        code: 'VALIDATION_FAILED',
        traceId: invalid.json().traceId,
        userId: null,
      },
      expect.objectContaining({
        route: '/api/events/:eventId',
        path: `/api/events/${EVENT_ID}`,
        status: 500,
        code: 'INTERNAL',
        traceId: broken.json().traceId,
        userId: 'buyer-7',
      }),
      expect.objectContaining({ route: null, path: '/api/nowhere/42', status: 404, code: 'NOT_FOUND' }),
    ]);
    expect(items[2].traceId).toBe(unknown.json().traceId);
    const stored = JSON.stringify(items);
    expect(stored).not.toContain('secret-in-query');
    expect(stored).not.toContain(buyer);
    expect(stored).not.toContain('10.0.0.3');
  });

  it('when a long unknown path fails, then its path is kept cut to 200 characters', async () => {
    await get(`/api/${'x'.repeat(500)}`);
    await eventually(async () => (await recorded()).some((item) => item.path.startsWith('/api/xxx')));
    const item = (await recorded()).find((i) => i.path.startsWith('/api/xxx'));
    expect(item.path).toHaveLength(200);
  });

  it('when the list is paged while new failures arrive, then no entry is repeated or skipped', async () => {
    const before = (await recorded()).length;
    for (let i = 0; i < 5; i++) await get(`/api/missing-${i}`);
    await waitFor(before + 5);
    const first = (await get('/api/admin/errors?limit=3', admin)).json();
    for (let i = 0; i < 4; i++) await get(`/api/later-${i}`);
    await waitFor(before + 9);
    const seen = [...first.items];
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = (await get(`/api/admin/errors?limit=3&cursor=${cursor}`, admin)).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    const everything = await recorded();
    const start = everything.findIndex((item) => item.id === first.items[0].id);
    expect(seen.map((item) => item.id)).toEqual(everything.slice(start).map((item) => item.id));
    expect(seen.slice(0, 5).map((item) => item.path)).toEqual([4, 3, 2, 1, 0].map((i) => `/api/missing-${i}`));
  });

  it('when there is no token, then 401; as a USER, then 403; a bad cursor or limit is 400', async () => {
    expect((await get('/api/admin/errors')).json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await get('/api/admin/errors', buyer)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    for (const query of ['cursor=nope', 'limit=0', 'limit=201', 'cursor=%00']) {
      expect((await get(`/api/admin/errors?${query}`, admin)).json()).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });
});
