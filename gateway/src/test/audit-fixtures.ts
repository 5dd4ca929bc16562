import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';

export interface FakeEntry {
  id: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  metaJson: string;
  createdAt: string;
}

/** Newer first: by time, then by id as a number. */
const newerFirst = (a: FakeEntry, b: FakeEntry) =>
  a.createdAt === b.createdAt ? Number(BigInt(b.id) - BigInt(a.id)) : a.createdAt < b.createdAt ? 1 : -1;

/** A service's ListAudit over canned entries, with the contract's filters and "<created_at>,<id>" keyset. */
export function fakeAudit(entries: FakeEntry[]) {
  const requests: Array<Record<string, unknown>> = [];
  const state = { down: false };
  const listAudit: MethodSpec = {
    access: 'public',
    handle: async (request: any) => {
      requests.push(request);
      if (state.down) throw new AppError('SERVICE_UNAVAILABLE');
      const [cursorAt, cursorId] = request.cursor ? request.cursor.split(',') : [];
      const matching = entries
        .filter(
          (e) =>
            (!request.actorId || e.actorId === request.actorId) &&
            (!request.action || e.action === request.action) &&
            (!request.targetType || e.targetType === request.targetType) &&
            (!request.targetId || e.targetId === request.targetId) &&
            (!request.from || Date.parse(e.createdAt) >= Date.parse(request.from)) &&
            (!request.to || Date.parse(e.createdAt) < Date.parse(request.to)) &&
            (!cursorAt || e.createdAt < cursorAt || (e.createdAt === cursorAt && BigInt(e.id) < BigInt(cursorId))),
        )
        .sort(newerFirst);
      const items = matching.slice(0, request.pageSize);
      const last = items.at(-1);
      return { items, nextCursor: matching.length > items.length && last ? `${last.createdAt},${last.id}` : '' };
    },
  };
  return { methods: { listAudit }, requests, state };
}

let nextId = 0;
export function entry(createdAt: string, more: Partial<FakeEntry> = {}): FakeEntry {
  nextId += 1;
  return {
    id: String(nextId),
    actorId: 'admin-1',
    action: 'thing.done',
    targetType: 'thing',
    targetId: `t${nextId}`,
    metaJson: '{}',
    createdAt,
    ...more,
  };
}

/** `2026-12-01T10:00:0<s>.000000Z` */
export const second = (s: number, micros = 0) =>
  `2026-12-01T10:00:${String(s).padStart(2, '0')}.${String(micros).padStart(6, '0')}Z`;
