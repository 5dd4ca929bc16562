import type { FastifyInstance } from 'fastify';
import { entry, fakeAudit, second } from './audit-fixtures';
import { signingKey, startHarness, type Harness } from './harness';

/**
 * The cross-service audit route over four canned trails with interleaved times, equal times across
 * services, and equal times within one service: every page boundary must neither repeat nor skip.
 */
const auth = fakeAudit([entry(second(1)), entry(second(5), { actorId: 'u9', action: 'login.succeeded' })]);
const catalog = fakeAudit([
  entry(second(2), { action: 'event.created', targetType: 'event', targetId: 'e1', metaJson: '{"title":"T"}' }),
  entry(second(5)),
  entry(second(7)),
]);
const payment = fakeAudit([entry(second(5)), entry(second(6, 500)), entry(second(6, 500))]);
const reservation = fakeAudit([
  entry(second(3), { actorId: '', targetId: '' }),
  entry(second(5)),
  entry(second(6, 500)),
  entry(second(8)),
]);
const fakes = { auth, catalog, payment, reservation };

describe('GET /api/admin/audit', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let admin: string;
  let user: string;
  const get = (url: string, token = admin) =>
    app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness(
      Object.fromEntries(Object.entries(fakes).map(([name, fake]) => [name, fake.methods])),
      key,
    );
    app = harness.app;
    admin = await key.sign({ sub: 'admin-1', roles: ['USER', 'ADMIN'] });
    user = await key.sign({ sub: 'user-1', roles: ['USER'] });
  });
  afterAll(() => harness.close());
  beforeEach(() =>
    Object.values(fakes).forEach((fake) => {
      fake.requests.length = 0;
      fake.state.down = false;
    }),
  );

  const key = (item: { service: string; id: string }) => `${item.service}#${item.id}`;

  async function everyPage(query: string, limit: number) {
    const seen: Array<{ service: string; id: string; at: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : '';
      const response = await get(`/api/admin/audit?limit=${limit}${query}${suffix}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    return seen;
  }

  it('when an admin reads one page, then entries of every service newest first, ties by service then id', async () => {
    const response = await get('/api/admin/audit?limit=6');
    expect(response.statusCode).toBe(200);
    const { items, nextCursor } = response.json();
    expect(items.map((i: { service: string; at: string }) => `${i.at.slice(17, 26)} ${i.service}`)).toEqual([
      '08.000000 reservation',
      '07.000000 catalog',
      '06.000500 payment',
      '06.000500 payment',
      '06.000500 reservation',
      '05.000000 auth',
    ]);
    expect(Number(items[2].id)).toBeGreaterThan(Number(items[3].id));
    expect(typeof nextCursor).toBe('string');
    expect(Object.values(fakes).every((fake) => fake.requests.length === 1)).toBe(true);
  });

  it.each([1, 2, 3, 5])(
    'when an admin pages %i at a time, then every entry exactly once, in the order of one big page',
    async (limit) => {
      const all = (await get('/api/admin/audit?limit=200')).json().items;
      expect(all).toHaveLength(12);
      const paged = await everyPage('', limit);
      expect(paged.map(key)).toEqual(all.map(key));
    },
  );

  it('when filters are given, then each service gets them under its own names and the answer maps back', async () => {
    const response = await get('/api/admin/audit?objectType=event&objectId=e1&action=event.created&actor=admin-1');
    expect(response.json()).toEqual({
      items: [
        {
          service: 'catalog',
          id: expect.any(String),
          actorId: 'admin-1',
          action: 'event.created',
          objectType: 'event',
          objectId: 'e1',
          meta: { title: 'T' },
          at: second(2),
        },
      ],
      nextCursor: null,
    });
    expect(catalog.requests[0]).toMatchObject({
      actorId: 'admin-1',
      action: 'event.created',
      targetType: 'event',
      targetId: 'e1',
      pageSize: 50,
      cursor: '',
    });
  });

  it('when a time range is given with an offset, then the services get it in UTC, and pages stay inside it', async () => {
    const paged = await everyPage('&from=2026-12-01T19:00:05%2B09:00&to=2026-12-01T10:00:07Z', 2);
    expect(paged.map((i) => i.at.slice(17, 19))).toEqual(['06', '06', '06', '05', '05', '05', '05']);
    expect(reservation.requests[0]).toMatchObject({ from: '2026-12-01T10:00:05.000Z', to: '2026-12-01T10:00:07.000Z' });
  });

  it('when the system acted alone, then actorId and objectId are null', async () => {
    const items = (await get('/api/admin/audit?limit=200')).json().items;
    expect(items.find((i: { at: string }) => i.at === second(3))).toMatchObject({ actorId: null, objectId: null });
  });

  it('when one service is down, then 503 problem+json, not a page with a hole', async () => {
    payment.state.down = true;
    const response = await get('/api/admin/audit');
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('when there is no token, then 401; as a USER, then 403; no service is asked', async () => {
    expect((await get('/api/admin/audit', '')).json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await get('/api/admin/audit', user)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(Object.values(fakes).map((fake) => fake.requests.length)).toEqual([0, 0, 0, 0]);
  });

  it.each([
    ['a date that is not one', 'from=yesterday', '/from'],
    ['a date that does not exist', 'to=2026-02-30T00:00:00Z', '/to'],
    ['a range that ends before it starts', 'from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', '/to'],
    ['a cursor this route never gave', 'cursor=bm9wZQ', '/cursor'],
    [
      'a cursor naming an unknown service',
      `cursor=${Buffer.from('["2026-12-01T10:00:00.000000Z","queue","1"]').toString('base64url')}`,
      '/cursor',
    ],
    ['a limit of 0', 'limit=0', '/limit'],
    ['a limit over 200', 'limit=201', '/limit'],
    ['an empty filter', 'actor=', '/actor'],
    ['an unknown parameter', 'user=u1', ''],
  ])(
    'when the query has %s, then 400 VALIDATION_FAILED naming it, and no service is asked',
    async (_, query, field) => {
      const response = await get(`/api/admin/audit?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ in: 'querystring' })],
      });
      if (field) expect(response.json().errors[0].field).toBe(field);
      expect(Object.values(fakes).map((fake) => fake.requests.length)).toEqual([0, 0, 0, 0]);
    },
  );

  it('when a filter holds a NUL byte, then 400 VALIDATION_FAILED before any service is asked', async () => {
    const response = await get('/api/admin/audit?actor=a%00b');
    expect(response.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.values(fakes).map((fake) => fake.requests.length)).toEqual([0, 0, 0, 0]);
  });
});
