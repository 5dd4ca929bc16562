import type { ChainableCommander, Redis } from 'ioredis';
import { AppError } from '@ticketing/errors';
import type { StockSnapshot } from '../domain/stock';

/** The remaining-stock read model: the latest counts reservation reported, per session. */
export interface StockStore {
  /** Stores the snapshot only if its version is newer than the stored one; true when stored. */
  record(sessionId: string, snapshot: StockSnapshot): Promise<boolean>;
  /** `record` for many sessions in one round trip; answers the sessions whose snapshot was stored. */
  recordAll(snapshots: ReadonlyMap<string, StockSnapshot>): Promise<Set<string>>;
  get(sessionIds: string[]): Promise<Map<string, StockSnapshot>>;
  forget(sessionIds: string[]): Promise<void>;
}

// Compare and set in one step on the server: two consumers (or a redelivery racing a newer
// event) can never let an older count overwrite a newer one.
const RECORD_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], 'version')
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'total', ARGV[2], 'available', ARGV[3], 'held', ARGV[4], 'sold', ARGV[5])
return 1`;

const FIELDS = ['version', 'total', 'available', 'held', 'sold'] as const;

type RecordArgs = [key: string, version: number, total: number, available: number, held: number, sold: number];

type WithRecordCommand = Redis & { catalogRecordStock(...args: RecordArgs): Promise<number> };
type RecordPipeline = ChainableCommander & { catalogRecordStock(...args: RecordArgs): ChainableCommander };

export function redisStockStore(redis: Redis, keyPrefix: string): StockStore {
  const client = redis as WithRecordCommand;
  if (typeof client.catalogRecordStock !== 'function') {
    redis.defineCommand('catalogRecordStock', { numberOfKeys: 1, lua: RECORD_IF_NEWER });
  }
  const key = (sessionId: string) => `${keyPrefix}stock:${sessionId}`;
  const args = (sessionId: string, s: StockSnapshot): RecordArgs => [
    key(sessionId),
    s.version,
    s.total,
    s.available,
    s.held,
    s.sold,
  ];

  return {
    record: async (sessionId, snapshot) => (await client.catalogRecordStock(...args(sessionId, snapshot))) === 1,

    recordAll: async (snapshots) => {
      const stored = new Set<string>();
      if (snapshots.size === 0) return stored;
      // One script call per session (each key compared and set on its own), all in one round trip.
      const pipeline = redis.pipeline() as RecordPipeline;
      for (const [sessionId, snapshot] of snapshots) pipeline.catalogRecordStock(...args(sessionId, snapshot));
      const replies = (await pipeline.exec()) ?? [];
      const sessionIds = [...snapshots.keys()];
      replies.forEach(([error, reply], index) => {
        if (error) throw error;
        if (reply === 1) stored.add(sessionIds[index]!);
      });
      return stored;
    },

    get: async (sessionIds) => {
      const found = new Map<string, StockSnapshot>();
      if (sessionIds.length === 0) return found;
      // One round trip for the whole page, however many sessions it has.
      const pipeline = redis.pipeline();
      for (const id of sessionIds) pipeline.hmget(key(id), ...FIELDS);
      // Without counts the listing would show sold-out sessions as open: better to say "try again".
      const unavailable = () => new AppError('SERVICE_UNAVAILABLE', 'remaining counts are unavailable; retry shortly');
      const replies = await pipeline.exec().catch(() => {
        throw unavailable();
      });
      (replies ?? []).forEach(([error, values], index) => {
        if (error) throw unavailable();
        const [version, total, available, held, sold] = (values as Array<string | null>).map((v) =>
          v === null ? null : Number(v),
        );
        if (version == null || total == null || available == null || held == null || sold == null) return;
        found.set(sessionIds[index]!, { version, total, available, held, sold });
      });
      return found;
    },

    forget: async (sessionIds) => {
      if (sessionIds.length > 0) await redis.del(...sessionIds.map(key));
    },
  };
}
