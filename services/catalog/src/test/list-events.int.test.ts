import { EventEntity, type EventStatus } from '../db/event.entity';
import { startTestCatalog, type TestCatalog } from './support';

interface EventPage {
  items: Array<{ id: string; title: string; status: string }>;
  nextCursor: string;
}

describe('catalog ListEvents through gRPC against a real database', () => {
  let catalog: TestCatalog;

  async function addEvent(title: string, status: EventStatus, createdAt: Date) {
    const em = catalog.app.orm.em.fork();
    em.persist(Object.assign(new EventEntity(), { title, venue: 'Olympic Hall', status, createdAt }));
    await em.flush();
  }

  const listEvents = (request: object, who?: 'admin' | 'user') => catalog.call<EventPage>('listEvents', request, who);

  beforeAll(async () => {
    catalog = await startTestCatalog('catalog_list');
  });
  afterAll(() => catalog?.teardown());

  it('when there are no events, then the list is empty with no next cursor', async () => {
    await expect(listEvents({ pageSize: 10 })).resolves.toEqual({ items: [], nextCursor: '' });
  });

  it('when events exist, then only published ones are listed, newest first, page by page', async () => {
    const base = Date.parse('2026-12-01T00:00:00Z');
    for (let i = 0; i < 5; i++) await addEvent(`Concert ${i}`, 'PUBLISHED', new Date(base + i * 1000));
    await addEvent('Draft show', 'DRAFT', new Date(base + 10_000));
    await addEvent('Cancelled show', 'CANCELLED', new Date(base + 11_000));

    const first = await listEvents({ pageSize: 2 });
    expect(first.items.map((e) => e.title)).toEqual(['Concert 4', 'Concert 3']);
    expect(first.nextCursor).not.toBe('');
    const second = await listEvents({ pageSize: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.title)).toEqual(['Concert 2', 'Concert 1']);
    const third = await listEvents({ pageSize: 2, cursor: second.nextCursor });
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
      const page = await listEvents({ pageSize: 1, cursor });
      seen.push(...page.items.map((e) => e.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((t) => t.startsWith('Twin')).sort()).toEqual(['Twin A', 'Twin B']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('when the cursor is forged, then the answer is INVALID_ARGUMENT and nothing breaks', async () => {
    await expect(listEvents({ pageSize: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(listEvents({ pageSize: 1 })).resolves.toMatchObject({ items: [expect.any(Object)] });
  });

  it('when an admin asks for unpublished events, then drafts and cancelled ones are listed too', async () => {
    const page = await listEvents({ pageSize: 100, includeUnpublished: true }, 'admin');
    expect(page.items.map((e) => e.status)).toEqual(expect.arrayContaining(['DRAFT', 'CANCELLED', 'PUBLISHED']));
  });

  it('when a buyer or an anonymous caller asks for unpublished events, then FORBIDDEN or UNAUTHENTICATED', async () => {
    await expect(listEvents({ includeUnpublished: true }, 'user')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listEvents({ includeUnpublished: true })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
