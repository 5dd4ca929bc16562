import { LuaScript } from '../lua-script';

/**
 * Applies a catalog session event if its version is newer than the one applied (older or equal
 * never overwrites newer). A deleted session keeps a tombstone with its version for a while, so a
 * late older event cannot bring it back; its line and steps go.
 * KEYS: meta, tickets, steps, active. ARGV: sessionId, version, deleted, enabled, rate, max,
 * closeAt, retentionMs. Answers 1 (applied) or 0 (stale).
 */
export const sessionFactsScript = new LuaScript(`
local meta, tickets, steps, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if tonumber(ARGV[2]) <= tonumber(redis.call('HGET', meta, 'version') or '0') then return 0 end
local retention = tonumber(ARGV[8])
if ARGV[3] == '1' then
  redis.call('DEL', tickets, steps)
  redis.call('HSET', meta, 'version', ARGV[2], 'deleted', '1')
  redis.call('HDEL', meta, 'pending')
  redis.call('SREM', active, ARGV[1])
  redis.call('PEXPIRE', meta, retention)
  return 1
end
redis.call('HSET', meta, 'version', ARGV[2], 'deleted', '0', 'enabled', ARGV[4], 'rate', ARGV[5], 'max', ARGV[6],
  'closeAt', ARGV[7])
local keepUntil = tonumber(ARGV[7]) + retention
for _, key in ipairs({meta, tickets, steps}) do redis.call('PEXPIREAT', key, keepUntil) end
local m = redis.call('HMGET', meta, 'seq', 'upTo')
if tonumber(m[1] or '0') > tonumber(m[2] or '0') then redis.call('SADD', active, ARGV[1]) end
return 1
`);

/**
 * Applies a stock change if its version is newer: sold out while nothing is available.
 * KEYS: meta. ARGV: version, soldOut, retentionMs. Answers 1 (applied) or 0 (stale).
 */
export const stockFactsScript = new LuaScript(`
if tonumber(ARGV[1]) <= tonumber(redis.call('HGET', KEYS[1], 'stockVersion') or '0') then return 0 end
redis.call('HSET', KEYS[1], 'stockVersion', ARGV[1], 'soldOut', ARGV[2])
-- Heard before the session itself: kept a while, until its settings set the real expiry.
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`);
