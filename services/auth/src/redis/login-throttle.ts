import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

export interface ThrottleLimits {
  maxFailuresPerEmail: number;
  maxFailuresPerAddress: number;
  windowSec: number;
}

export type ThrottleGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// Charges one attempt to every counter and answers, in the same atomic step, how long the caller
// must wait if any counter is past its limit. The window starts at a counter's first failure.
// KEYS: counters; ARGV[1]: window in seconds; ARGV[1 + i]: limit of KEYS[i]. Returns ms to wait, or -1.
const ATTEMPT = `
local wait = -1
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('EXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1]) * 1000
  end
  if count > tonumber(ARGV[i + 1]) and ttl > wait then wait = ttl end
end
return wait`;

// A success forgets the email's failures and gives the address back the attempt it was charged.
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if KEYS[2] and (tonumber(redis.call('GET', KEYS[2]) or '0') > 0) then redis.call('DECR', KEYS[2]) end
return 1`;

/**
 * Failed log-in counters in Redis, so every replica sees the same counts. An attempt is charged
 * before the password is checked: a burst of parallel guesses cannot all slip in under the limit.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: ThrottleLimits,
  ) {}

  async attempt(normalisedEmail: string, clientAddress: string): Promise<ThrottleGate> {
    const keys = [this.key('email', normalisedEmail)];
    const limits = [this.limits.maxFailuresPerEmail];
    if (clientAddress) {
      keys.push(this.key('address', clientAddress));
      limits.push(this.limits.maxFailuresPerAddress);
    }
    const waitMs = Number(await this.redis.eval(ATTEMPT, keys.length, ...keys, this.limits.windowSec, ...limits));
    return waitMs < 0
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  async succeeded(normalisedEmail: string, clientAddress: string): Promise<void> {
    const keys = [this.key('email', normalisedEmail), ...(clientAddress ? [this.key('address', clientAddress)] : [])];
    await this.redis.eval(SUCCEEDED, keys.length, ...keys);
  }

  /** Hashed, so Redis never holds who is being attacked in clear text, and any input makes a safe key. */
  private key(kind: 'email' | 'address', value: string): string {
    return `${this.prefix}login-failures:${kind}:${createHash('sha256').update(value).digest('hex')}`;
  }
}
