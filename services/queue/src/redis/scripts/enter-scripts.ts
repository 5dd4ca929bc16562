import { LuaScript } from '../lua-script';

/**
 * Entering is one atomic step: a ticket still good (waiting, or admitted and in time) is answered
 * as is; otherwise, unless the line is full, the next number of the counter becomes the user's
 * new place. Node brings the nonce and the time (Lua cannot sign) and signs what comes back.
 * KEYS: meta, tickets, steps, active. ARGV: sessionId, userId, nonce, now, defaultMaxLength, retentionMs.
 * Answers {'OK', ticket, upTo, soldOut, closeAt, rate, step, lapsed} or {'QUEUE_FULL', waiting, max, rate}
 * or {'NOT_FOUND'|'QUEUE_NOT_ENABLED'|'SALES_CLOSED'}; `lapsed` is '1' when a new place replaces one
 * whose admission ran out.
 */
export const enterScript = new LuaScript(`
local meta, tickets, steps, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now = tonumber(ARGV[4])
local m = redis.call('HMGET', meta, 'version', 'deleted', 'enabled', 'max', 'seq', 'upTo', 'closeAt', 'soldOut', 'rate')
if not m[1] or m[2] == '1' then return {'NOT_FOUND'} end
if m[3] ~= '1' then return {'QUEUE_NOT_ENABLED'} end
local seq = tonumber(m[5] or '0')
local upTo = tonumber(m[6] or '0')
local closeAt = tonumber(m[7] or '0')
local function answer(ticket, step, lapsed)
  return {'OK', ticket, tostring(upTo), m[8] or '0', m[7] or '', m[9] or '0', step or '', lapsed or '0'}
end
local held = redis.call('HGET', tickets, ARGV[2])
local lapsed = '0'
if held then
  local place = tonumber(string.match(held, '^(%d+):'))
  if place > upTo then return answer(held) end
  local step = redis.call('ZRANGEBYSCORE', steps, place, '+inf', 'LIMIT', 0, 1)[1]
  if step then
    local from, expiresAt = string.match(step, '^(%d+):%d+:(%d+)$')
    if tonumber(from) <= place and tonumber(expiresAt) > now then return answer(held, step) end
  end
  lapsed = '1'
end
if closeAt > 0 and now >= closeAt then return {'SALES_CLOSED'} end
local max = tonumber(m[4] or '0')
if max <= 0 then max = tonumber(ARGV[5]) end
if seq - upTo >= max then return {'QUEUE_FULL', tostring(seq - upTo), tostring(max), m[9] or '0'} end
local place = redis.call('HINCRBY', meta, 'seq', 1)
local ticket = place .. ':' .. ARGV[4] .. ':' .. ARGV[3]
redis.call('HSET', tickets, ARGV[2], ticket)
if closeAt > 0 then redis.call('PEXPIREAT', tickets, closeAt + tonumber(ARGV[6])) end
redis.call('SADD', active, ARGV[1])
return answer(ticket, nil, lapsed)
`);

/**
 * A consistent read of what a status needs: the window, the flags, and the remembered steps with
 * `upTo >= place` (the first one is the place's own, if it was admitted), at most `limit` of them.
 * KEYS: meta, steps. ARGV: place, limit. Answers {'OK', upTo, soldOut, closeAt, rate, step...} or {'NOT_FOUND'}.
 */
export const viewScript = new LuaScript(`
local m = redis.call('HMGET', KEYS[1], 'version', 'deleted', 'upTo', 'soldOut', 'closeAt', 'rate')
if not m[1] or m[2] == '1' then return {'NOT_FOUND'} end
local out = {'OK', m[3] or '0', m[4] or '0', m[5] or '', m[6] or '0'}
for _, step in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], '+inf', 'LIMIT', 0, tonumber(ARGV[2]))) do
  out[#out + 1] = step
end
return out
`);
