import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/** Failures let through without waiting, then a wait that doubles with each failure up to maxDelayMs. */
export interface CounterPolicy {
  freeFailures: number;
  maxDelayMs: number;
}

export interface ThrottlePolicy {
  /** One email from one address: a guesser there, or the owner mistyping; other addresses are not slowed. */
  pair: CounterPolicy;
  /** One email from every address: a spread-out guesser. The owner shares it, so its waits stay short. */
  email: CounterPolicy;
  /** One address for every email: a sprayer. */
  address: CounterPolicy;
  firstDelayMs: number;
  /** A counter is forgotten this long after its last charged attempt (plus the wait that attempt set). */
  windowMs: number;
}

/** `ticket` names the attempt, so its success lifts only the waits that attempt set. */
export type ThrottleGate = { allowed: true; ticket: string } | { allowed: false; retryAfterSeconds: number };

// Refuses without charging anything while any counter's wait runs; otherwise charges every counter
// and starts a counter's wait once its free failures are used. Check and charge are one step, so
// parallel guesses cannot slip in together. KEYS: per counter its count, then its wait.
// ARGV: window ms, first delay ms, ticket, then per counter its free failures and longest delay ms.
// Returns ms left to wait, or -1 when charged.
const ATTEMPT = `
local wait = -1
for i = 2, #KEYS, 2 do
  local left = redis.call('PTTL', KEYS[i])
  if left > wait then wait = left end
end
if wait > 0 then return wait end
for i = 1, #KEYS / 2 do
  local free, cap = tonumber(ARGV[2 + 2 * i]), tonumber(ARGV[3 + 2 * i])
  local failures = redis.call('INCR', KEYS[2 * i - 1])
  local delay = 0
  if failures >= free then
    delay = math.floor(math.min(cap, tonumber(ARGV[2]) * 2 ^ (failures - free)))
    redis.call('SET', KEYS[2 * i], ARGV[3], 'PX', delay)
  end
  redis.call('PEXPIRE', KEYS[2 * i - 1], tonumber(ARGV[1]) + delay)
end
return -1`;

// The pair's count and wait go; the shared counters get back the attempt and lose the wait it set.
const SUCCEEDED = `
redis.call('DEL', KEYS[1], KEYS[2])
for i = 3, #KEYS, 2 do
  if (tonumber(redis.call('GET', KEYS[i]) or '0') > 0) then redis.call('DECR', KEYS[i]) end
  if redis.call('GET', KEYS[i + 1]) == ARGV[1] then redis.call('DEL', KEYS[i + 1]) end
end
return 1`;

type Counter = keyof Pick<ThrottlePolicy, 'pair' | 'email' | 'address'>;

/**
 * Failed log-in counters in Redis, so every replica sees the same counts. An attempt is charged
 * before the password is checked, and a success gives the charge back.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly policy: ThrottlePolicy,
  ) {}

  async attempt(normalisedEmail: string, clientAddress: string): Promise<ThrottleGate> {
    const counters = this.counters(normalisedEmail, clientAddress);
    const ticket = randomUUID();
    const { windowMs, firstDelayMs } = this.policy;
    const limits = counters.flatMap(([counter]) => [
      this.policy[counter].freeFailures,
      this.policy[counter].maxDelayMs,
    ]);
    const keys = counters.flatMap(([counter, value]) => this.keys(counter, value));
    const waitMs = Number(
      await this.redis.eval(ATTEMPT, keys.length, ...keys, windowMs, firstDelayMs, ticket, ...limits),
    );
    return waitMs < 0 ? { allowed: true, ticket } : { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }

  async succeeded(normalisedEmail: string, clientAddress: string, ticket: string): Promise<void> {
    const keys = this.counters(normalisedEmail, clientAddress).flatMap(([counter, value]) => this.keys(counter, value));
    await this.redis.eval(SUCCEEDED, keys.length, ...keys, ticket);
  }

  /** The pair first (a success clears it). Without an address the caller counts as one unknown address. */
  private counters(email: string, address: string): Array<[Counter, string]> {
    const counters: Array<[Counter, string]> = [
      ['pair', JSON.stringify([email, address])],
      ['email', email],
    ];
    if (address) counters.push(['address', address]);
    return counters;
  }

  /** Hashed, so Redis never holds who is being attacked in clear text, and any input makes a safe key. */
  private keys(counter: Counter, value: string): [count: string, wait: string] {
    const hash = createHash('sha256').update(value).digest('hex');
    return [`${this.prefix}login-failures:${counter}:${hash}`, `${this.prefix}login-wait:${counter}:${hash}`];
  }
}
