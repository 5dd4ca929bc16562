import { LuaScript } from '../lua-script';

/**
 * Takes or renews the session's mover lease and reads what the mover needs. A session with
 * nobody waiting and no pending step, or gone, leaves the active set here.
 * KEYS: meta, lease, active. ARGV: sessionId, owner, leaseMs.
 * Answers {'BUSY'} | {'IDLE'} | {'OK', enabled, soldOut, rate, seq, upTo, lastStepAt, pending}.
 */
export const claimScript = new LuaScript(`
local meta, lease, active = KEYS[1], KEYS[2], KEYS[3]
if not redis.call('SET', lease, ARGV[2], 'NX', 'PX', ARGV[3]) then
  if redis.call('GET', lease) ~= ARGV[2] then return {'BUSY'} end
  redis.call('PEXPIRE', lease, ARGV[3])
end
local m = redis.call('HMGET', meta, 'version', 'deleted', 'enabled', 'soldOut', 'rate', 'seq', 'upTo', 'lastStepAt', 'pending')
if not m[1] or m[2] == '1' or (not m[9] and tonumber(m[6] or '0') <= tonumber(m[7] or '0')) then
  redis.call('SREM', active, ARGV[1])
  return {'IDLE'}
end
return {'OK', m[3] or '0', m[4] or '0', m[5] or '0', m[6] or '0', m[7] or '0', m[8] or '0', m[9] or ''}
`);

/**
 * Records the step about to be published, unless another mover already has one pending or moved
 * the window: whoever publishes then publishes this very step, so a retry after a crash sends the
 * same event (same Nats-Msg-Id and content) instead of a different, overlapping one.
 * KEYS: meta. ARGV: expected upTo, pending. Answers 1 or 0.
 */
export const prepareScript = new LuaScript(`
local m = redis.call('HMGET', KEYS[1], 'upTo', 'pending')
if m[2] or tonumber(m[1] or '0') ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'pending', ARGV[2])
return 1
`);

/**
 * After the publish was acknowledged: the pending step becomes the window (only the one that was
 * published, once), steps that expired before `forgetBefore` are forgotten oldest first, and a
 * session with nobody left waiting leaves the active set.
 * KEYS: meta, steps, active. ARGV: sessionId, pending, forgetBefore, retentionMs. Answers 1 or 0.
 */
export const commitScript = new LuaScript(`
local meta, steps, active = KEYS[1], KEYS[2], KEYS[3]
if redis.call('HGET', meta, 'pending') ~= ARGV[2] then return 0 end
local _, from, upTo, expiresAt, _, lastStepAt = string.match(ARGV[2], '^([^|]+)|(%d+)|(%d+)|(%d+)|(%d+)|([%d.]+)$')
redis.call('HSET', meta, 'upTo', upTo, 'lastStepAt', lastStepAt)
redis.call('HDEL', meta, 'pending')
redis.call('ZADD', steps, upTo, from .. ':' .. upTo .. ':' .. expiresAt)
local forgetBefore = tonumber(ARGV[3])
for _ = 1, 100 do
  local oldest = redis.call('ZRANGE', steps, 0, 0)[1]
  if not oldest or tonumber(string.match(oldest, ':(%d+)$')) >= forgetBefore then break end
  redis.call('ZREM', steps, oldest)
end
local m = redis.call('HMGET', meta, 'seq', 'closeAt')
if m[2] then redis.call('PEXPIREAT', steps, tonumber(m[2]) + tonumber(ARGV[4])) end
if tonumber(upTo) >= tonumber(m[1] or '0') then redis.call('SREM', active, ARGV[1]) end
return 1
`);
