import { credentials } from '@grpc/grpc-js';
import { createClient } from '@ticketing/contracts';
import { dropDatabase } from '@ticketing/db';
import { unaryCall } from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { createTestDatabaseUrl } from '@ticketing/testing';
import { startCatalog, type CatalogApp } from '../app';
import { EventEntity, type EventStatus } from '../db/event.entity';

interface EventPage {
  items: Array<{ id: string; title: string; status: string }>;
  nextCursor: string;
}

describe('catalog ListEvents through gRPC against a real database', () => {
  const url = createTestDatabaseUrl('catalog_list');
  let app: CatalogApp;
  let client: ReturnType<typeof createClient<'catalog'>>;

  async function addEvent(title: string, status: EventStatus, createdAt: Date) {
    const em = app.orm.em.fork();
    em.persist(Object.assign(new EventEntity(), { title, venue: 'Olympic Hall', status, createdAt }));
    await em.flush();
  }

  beforeAll(async () => {
    app = await startCatalog(
      { HOST: '127.0.0.1', PORT: 0, DATABASE_URL: url, AUTH_GRPC_URL: '127.0.0.1:1', LOG_LEVEL: 'silent' },
      createLogger({ service: 'catalog-test', level: 'silent' }),
    );
    client = createClient('catalog', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await app.stop();
    await dropDatabase(url);
  });

  it('when there are no events, then the list is empty with no next cursor', async () => {
    await expect(unaryCall(client, 'listEvents', { pageSize: 10 })).resolves.toEqual({ items: [], nextCursor: '' });
  });

  it('when events exist, then only published ones are listed, newest first, page by page', async () => {
    const base = Date.parse('2026-12-01T00:00:00Z');
    for (let i = 0; i < 5; i++) await addEvent(`Concert ${i}`, 'PUBLISHED', new Date(base + i * 1000));
    await addEvent('Draft show', 'DRAFT', new Date(base + 10_000));
    await addEvent('Cancelled show', 'CANCELLED', new Date(base + 11_000));

    const first = await unaryCall<EventPage>(client, 'listEvents', { pageSize: 2 });
    expect(first.items.map((e) => e.title)).toEqual(['Concert 4', 'Concert 3']);
    expect(first.nextCursor).not.toBe('');
    const second = await unaryCall<EventPage>(client, 'listEvents', { pageSize: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.title)).toEqual(['Concert 2', 'Concert 1']);
    const third = await unaryCall<EventPage>(client, 'listEvents', { pageSize: 2, cursor: second.nextCursor });
    expect(third.items.map((e) => e.title)).toEqual(['Concert 0']);
    expect(third.nextCursor).toBe('');
  });

  it('when two events share a creation time, then paging still returns each exactly once', async () => {
    const same = new Date('2027-01-01T00:00:00Z');
    await addEvent('Twin A', 'PUBLISHED', same);
    await addEvent('Twin B', 'PUBLISHED', same);
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await unaryCall<EventPage>(client, 'listEvents', { pageSize: 1, cursor });
      seen.push(...page.items.map((e) => e.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((t) => t.startsWith('Twin')).sort()).toEqual(['Twin A', 'Twin B']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('when the cursor is forged, then the answer is INVALID_ARGUMENT and nothing breaks', async () => {
    await expect(unaryCall(client, 'listEvents', { pageSize: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(unaryCall(client, 'listEvents', { pageSize: 1 })).resolves.toMatchObject({ items: [expect.any(Object)] });
  });

  it('when a method of the contract is not built yet, then it answers NOT_IMPLEMENTED', async () => {
    await expect(unaryCall(client, 'getEvent', { id: 'x' })).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
  });
});
