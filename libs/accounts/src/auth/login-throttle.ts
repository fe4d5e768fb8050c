import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { TryLaterError } from '@lc/decider';
import { REDIS } from '@lc/redis';

/**
 * Login limits, counted in Redis so that every API replica shares them, each check one Lua script
 * so that it cannot be raced: an attempt is counted (increment first) and judged by the count it
 * got, before the password is checked. 25 parallel guesses therefore get at most
 * LOGIN_LOCK_AFTER_FAILURES password checks, not 25.
 *
 * - per (username, address): LOGIN_LOCK_AFTER_FAILURES failures lock that address out of that
 *   username for LOGIN_LOCK_SECONDS. Other addresses, the owner's among them, are not locked:
 *   nobody can lock a mediator out of their account from somewhere else.
 * - per username, all addresses together: past LOGIN_SLOWDOWN_AFTER_FAILURES, attempts from
 *   addresses the account never logged in from are slowed down (1 s, doubling, up to
 *   LOGIN_SLOWDOWN_MAX_SECONDS between attempts) rather than blocked, which makes a distributed
 *   guess slow without shutting the owner out.
 * - per address, all usernames: LOGIN_MAX_FAILURES_PER_IP failures within the window stop that
 *   address logging in for the rest of it (one address trying many accounts).
 */
export type LoginRefusal = 'address' | 'locked' | 'slow';

export interface LoginAttempt {
  readonly username: string;
  readonly address: string;
  /** The counts this attempt got when it was admitted. */
  readonly pairCount: number;
  readonly usernameCount: number;
}

export interface FailureOutcome {
  /** This failure locked the address out of the username (once per lock). */
  lockedOut: boolean;
  /** This failure started the username-wide slowdown (once per window). */
  slowedDown: boolean;
}

const ATTEMPT = `
local windowMs = tonumber(ARGV[6])
local function bump(key)
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, windowMs) end
  return n
end
local function undo()
  redis.call('DECR', KEYS[1]); redis.call('DECR', KEYS[2]); redis.call('DECR', KEYS[3])
end
local ipCount = bump(KEYS[1])
local pairCount = bump(KEYS[2])
local userCount = bump(KEYS[3])
redis.call('SADD', KEYS[6], ARGV[1])
redis.call('PEXPIRE', KEYS[6], tonumber(ARGV[7]))
if ipCount > tonumber(ARGV[2]) then undo(); return {'address', redis.call('PTTL', KEYS[1])} end
if pairCount > tonumber(ARGV[3]) then undo(); return {'locked', redis.call('PTTL', KEYS[2])} end
local slowAfter = tonumber(ARGV[4])
if userCount > slowAfter and redis.call('SISMEMBER', KEYS[5], ARGV[1]) == 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local nextAt = tonumber(redis.call('GET', KEYS[4]) or '0')
  if now < nextAt then undo(); return {'slow', nextAt - now} end
  local delay = math.floor(math.min(1000 * 2 ^ (userCount - slowAfter - 1), tonumber(ARGV[5])))
  redis.call('SET', KEYS[4], now + delay, 'PX', delay)
end
return {'ok', pairCount, userCount}
`;

const FAILED = `
local locked = 0
if tonumber(ARGV[2]) == tonumber(ARGV[1]) and tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
  locked = 1
end
return locked
`;

const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
if tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then redis.call('DECR', KEYS[3]) end
redis.call('SADD', KEYS[4], ARGV[1])
if redis.call('SCARD', KEYS[4]) > 20 then redis.call('SPOP', KEYS[4]) end
redis.call('PEXPIRE', KEYS[4], tonumber(ARGV[2]))
return 1
`;

const RELEASE = `
local addresses = redis.call('SMEMBERS', KEYS[1])
for _, address in ipairs(addresses) do redis.call('DEL', ARGV[1] .. address) end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return #addresses
`;

const STATUS = `
local addresses = {}
for _, address in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local failures = tonumber(redis.call('GET', ARGV[1] .. address) or '0')
  if failures > 0 then
    table.insert(addresses, address)
    table.insert(addresses, failures)
    table.insert(addresses, redis.call('PTTL', ARGV[1] .. address))
  end
end
return {addresses, tonumber(redis.call('GET', KEYS[2]) or '0'), redis.call('PTTL', KEYS[3])}
`;

/** What the limits hold against a username now, for an administrator. */
export interface LoginLockStatus {
  /** Addresses with failures counted against this username, and whether each is locked out. */
  addresses: { address: string; failures: number; locked: boolean; retryAfterSeconds: number }[];
  /** Failures from all addresses in the window (the slowdown's count). */
  failures: number;
  /** Seconds until an address the account never used may try again (0: not slowed down). */
  slowedDownForSeconds: number;
}

/** A login whose limits cannot be checked is refused: guessing must not get easier while Redis is away. */
const REDIS_TIMEOUT_MS = 2000;
const RETRY_AFTER_OUTAGE_SECONDS = 30;
/** Addresses a username logged in from are remembered this long (they are spared the slowdown). */
const KNOWN_ADDRESS_MS = 30 * 86_400_000;

@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(username: string, address: string) {
    const prefix = `${this.config.QUEUE_PREFIX}:login`;
    const user = `${prefix}:user:${encodeURIComponent(username.toLowerCase())}`;
    return {
      address: `${prefix}:address:${address}`,
      pairPrefix: `${user}:address:`,
      pair: `${user}:address:${address}`,
      failures: `${user}:failures`,
      next: `${user}:next`,
      known: `${user}:known`,
      addresses: `${user}:addresses`,
    };
  }

  /** Counts the attempt and admits it, or refuses it with 429 (Retry-After), or 503 without Redis. */
  async begin(username: string, address: string): Promise<LoginAttempt> {
    const k = this.keys(username, address);
    const c = this.config;
    const [verdict, a, b] = (await this.run(
      ATTEMPT,
      [k.address, k.pair, k.failures, k.next, k.known, k.addresses],
      [
        address,
        c.LOGIN_MAX_FAILURES_PER_IP,
        c.LOGIN_LOCK_AFTER_FAILURES,
        c.LOGIN_SLOWDOWN_AFTER_FAILURES,
        c.LOGIN_SLOWDOWN_MAX_SECONDS * 1000,
        c.LOGIN_FAILURE_WINDOW_SECONDS * 1000,
        Math.max(c.LOGIN_FAILURE_WINDOW_SECONDS, c.LOGIN_LOCK_SECONDS) * 1000,
      ],
    )) as [string, number, number];
    if (verdict !== 'ok') {
      const retryAfter = Math.max(1, Math.ceil(Number(a) / 1000));
      const message =
        verdict === 'slow'
          ? 'Too many failed logins for this account. Wait before trying again.'
          : 'Too many failed logins. Try again later.';
      throw new TryLaterError('too_many_requests', message, retryAfter);
    }
    return { username, address, pairCount: Number(a), usernameCount: Number(b) };
  }

  async failed(attempt: LoginAttempt): Promise<FailureOutcome> {
    const k = this.keys(attempt.username, attempt.address);
    const c = this.config;
    const locked = await this.run(FAILED, [k.pair], [c.LOGIN_LOCK_AFTER_FAILURES, attempt.pairCount, c.LOGIN_LOCK_SECONDS * 1000]);
    return { lockedOut: Number(locked) === 1, slowedDown: attempt.usernameCount === c.LOGIN_SLOWDOWN_AFTER_FAILURES };
  }

  /** The owner got in from this address: its failures are forgiven, and it is spared any slowdown. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    const k = this.keys(attempt.username, attempt.address);
    await this.run(SUCCEEDED, [k.pair, k.failures, k.address, k.known], [attempt.address, KNOWN_ADDRESS_MS]);
  }

  /** An administrator's unlock: every address's lock on the username, and its slowdown. Returns how many addresses had counts. */
  async release(username: string): Promise<number> {
    const k = this.keys(username, '');
    return Number(await this.run(RELEASE, [k.addresses, k.failures, k.next], [k.pairPrefix]));
  }

  async status(username: string): Promise<LoginLockStatus> {
    const k = this.keys(username, '');
    const [flat, failures, nextTtl] = (await this.run(STATUS, [k.addresses, k.failures, k.next], [k.pairPrefix])) as [
      (string | number)[],
      number,
      number,
    ];
    const addresses: LoginLockStatus['addresses'] = [];
    for (let i = 0; i < flat.length; i += 3) {
      const count = Number(flat[i + 1]);
      const locked = count >= this.config.LOGIN_LOCK_AFTER_FAILURES;
      addresses.push({
        address: String(flat[i]),
        failures: count,
        locked,
        retryAfterSeconds: locked ? Math.max(1, Math.ceil(Number(flat[i + 2]) / 1000)) : 0,
      });
    }
    return { addresses, failures: Number(failures), slowedDownForSeconds: Number(nextTtl) > 0 ? Math.ceil(Number(nextTtl) / 1000) : 0 };
  }

  /** Lua, with a deadline: a Redis that is down or stuck answers 503, never a hang or a 500. */
  private async run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    const unavailable = () =>
      new TryLaterError('service_unavailable', 'Login is unavailable for a moment. Try again shortly.', RETRY_AFTER_OUTAGE_SECONDS);
    // Lost and reconnecting: answer at once rather than queue behind the reconnection.
    if (['reconnecting', 'close', 'end'].includes(this.redis.status)) throw unavailable();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.redis.eval(script, keys.length, ...keys, ...args),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), REDIS_TIMEOUT_MS);
        }),
      ]);
    } catch {
      throw unavailable();
    } finally {
      clearTimeout(timer);
    }
  }
}
