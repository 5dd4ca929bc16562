import Redis from 'ioredis';
import { queryOnce } from '@ticketing/testing';
import { redisStockStore } from '../redis/stock-store';
import { quantitySession, startTestCatalog, type TestCatalog } from './support';

interface Event {
  id: string;
  title: string;
  description: string;
  venue: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

describe('catalog admin writes on events, through gRPC against real servers', () => {
  let catalog: TestCatalog;
  let redis: Redis;
  const create = (request: object, who: 'admin' | 'user' | undefined = 'admin') =>
    catalog.call<Event>('createEvent', request, who);
  const audit = (targetId: string) =>
    queryOnce<{ actor_id: string; action: string; target_type: string; meta: Record<string, unknown> }>(
      catalog.config.DATABASE_URL,
      'select actor_id, action, target_type, meta from audit_log where target_id = $1 order by id',
      [targetId],
    );

  beforeAll(async () => {
    catalog = await startTestCatalog('catalog_admin');
    redis = new Redis(catalog.config.REDIS_URL);
  });
  afterAll(async () => {
    await redis?.quit();
    await catalog?.teardown();
  });

  it('when there is no token, then writes are UNAUTHENTICATED; as a USER, then FORBIDDEN', async () => {
    await expect(catalog.call('createEvent', { title: 'x', venue: 'y' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(create({ title: 'x', venue: 'y' }, 'user')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      catalog.call('deleteEvent', { eventId: '00000000-0000-4000-8000-000000000000' }, 'user'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when an admin creates an event, then it has an id, trimmed fields, DRAFT by default, and an audit row by that admin', async () => {
    const event = await create({ title: '  Spring Concert ', venue: 'Seoul Arena', description: 'Strings and brass' });
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: 'Spring Concert',
      description: 'Strings and brass',
      venue: 'Seoul Arena',
      status: 'DRAFT',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await audit(event.id)).toEqual([
      {
        actor_id: 'admin-1',
        action: 'event.created',
        target_type: 'event',
        meta: { title: 'Spring Concert', status: 'DRAFT' },
      },
    ]);
  });

  it('when the title is empty or the venue too long, then VALIDATION_FAILED names each field and nothing is stored', async () => {
    const error = await create({ title: ' ', venue: 'v'.repeat(201) }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'title' }, { field: 'venue' }] },
    });
    const rows = await queryOnce(catalog.config.DATABASE_URL, "select 1 from event where venue like 'vvv%'");
    expect(rows).toHaveLength(0);
  });

  it('when a new event would be CANCELLED, then VALIDATION_FAILED on status', async () => {
    await expect(create({ title: 'x', venue: 'y', status: 'CANCELLED' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('when an admin publishes a draft, then buyers can get it; before that it is NOT_FOUND for them', async () => {
    const event = await create({ title: 'Autumn Recital', venue: 'Hall B' });
    await expect(catalog.call('getEvent', { eventId: event.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      catalog.call('getEvent', { eventId: event.id, includeUnpublished: true }, 'admin'),
    ).resolves.toMatchObject({ status: 'DRAFT' });
    await expect(
      catalog.call('getEvent', { eventId: event.id, includeUnpublished: true }, 'user'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const updated = await catalog.call<Event>('updateEvent', { eventId: event.id, status: 'PUBLISHED' }, 'admin');
    expect(updated).toMatchObject({ status: 'PUBLISHED', title: 'Autumn Recital' });
    await expect(catalog.call('getEvent', { eventId: event.id })).resolves.toMatchObject({
      id: event.id,
      status: 'PUBLISHED',
    });
    expect((await audit(event.id)).map((r) => [r.action, r.meta])).toEqual([
      ['event.created', expect.any(Object)],
      ['event.updated', { changed: ['status'] }],
    ]);
  });

  it('when an update sends only the venue, then the other fields are left as they were', async () => {
    const event = await create({ title: 'Keep Me', venue: 'Old Hall', description: 'kept' });
    const updated = await catalog.call<Event>('updateEvent', { eventId: event.id, venue: 'New Hall' }, 'admin');
    expect(updated).toMatchObject({ title: 'Keep Me', description: 'kept', venue: 'New Hall', status: 'DRAFT' });
  });

  it('when a cancelled event would be published again, then CONFLICT', async () => {
    const event = await create({ title: 'Called Off', venue: 'Hall C', status: 'PUBLISHED' });
    await catalog.call('updateEvent', { eventId: event.id, status: 'CANCELLED' }, 'admin');
    await expect(
      catalog.call('updateEvent', { eventId: event.id, status: 'PUBLISHED' }, 'admin'),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('when an unknown or malformed id is updated or deleted, then NOT_FOUND', async () => {
    await expect(
      catalog.call('updateEvent', { eventId: '00000000-0000-4000-8000-000000000000', title: 'x' }, 'admin'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(catalog.call('deleteEvent', { eventId: 'not-a-uuid' }, 'admin')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('when nothing of an event is sold, then it is deleted with its sessions and the deletion is audited', async () => {
    const event = await create({ title: 'Short Lived', venue: 'Hall D' });
    await catalog.call('createSession', quantitySession(event.id), 'admin');
    await catalog.call('deleteEvent', { eventId: event.id }, 'admin');
    await expect(
      catalog.call('getEvent', { eventId: event.id, includeUnpublished: true }, 'admin'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await queryOnce(catalog.config.DATABASE_URL, 'select 1 from session where event_id = $1', [event.id]),
    ).toHaveLength(0);
    expect((await audit(event.id)).map((r) => r.action)).toEqual(['event.created', 'event.deleted']);
  });

  it('when a ticket of the event is sold, then deleting it is CONFLICT and it stays', async () => {
    const event = await create({ title: 'Sold Some', venue: 'Hall E', status: 'PUBLISHED' });
    const session = await catalog.call<{ id: string }>(
      'createSession',
      quantitySession(event.id, { totalStock: 10 }),
      'admin',
    );
    await redisStockStore(redis, catalog.config.REDIS_KEY_PREFIX).record(session.id, {
      version: 2,
      total: 10,
      available: 9,
      held: 0,
      sold: 1,
    });
    await expect(catalog.call('deleteEvent', { eventId: event.id }, 'admin')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(catalog.call('getEvent', { eventId: event.id })).resolves.toMatchObject({ id: event.id });
    expect((await audit(event.id)).map((r) => r.action)).toEqual(['event.created']);
  });
});
