import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { REDIS } from '@lc/redis';

/**
 * INCR first, then judge by the count: atomic, so parallel requests cannot slip past the limit
 * together. The requests of one turn of the event loop in one call (one round trip, not one per
 * request or per bucket): ARGV is the window, then for each request its number of buckets and
 * their limits, KEYS its buckets' keys in the same order. Each request's buckets are counted in
 * order, stopping at the first one over its limit, which is not then counted in the buckets after
 * it. Answers, for each request, {index of that bucket, its milliseconds left}, or {0, 0}.
 */
const HIT = `
local window = tonumber(ARGV[1])
local answers = {}
local k, a = 1, 2
while a <= #ARGV do
  local buckets = tonumber(ARGV[a])
  local over, left = 0, 0
  for i = 1, buckets do
    if over == 0 then
      local n = redis.call('INCR', KEYS[k])
      if n == 1 then redis.call('PEXPIRE', KEYS[k], window) end
      if n > tonumber(ARGV[a + i]) then
        local ttl = redis.call('PTTL', KEYS[k])
        if ttl < 0 then redis.call('PEXPIRE', KEYS[k], window); ttl = window end
        over, left = i, ttl
      end
    end
    k = k + 1
  end
  answers[#answers + 1] = over
  answers[#answers + 1] = left
  a = a + buckets + 1
end
return answers
`;

/** A rate limit check must not slow every request down when Redis is slow: past this it lets the request through. */
const CHECK_TIMEOUT_MS = 500;

export type RateBucket = 'address' | 'account' | 'public';
type Checks = ReadonlyArray<readonly [RateBucket, string]>;
type Verdict = { bucket: RateBucket; waitSeconds: number } | undefined;

/**
 * Request counts per fixed window, in Redis so that every replica counts together. When Redis
 * cannot answer, requests pass (fail open): a rate limit protects the service, and refusing all
 * work during a Redis outage would do more harm than the limit prevents. Login is different: it
 * refuses without Redis (LoginThrottle).
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private lastWarning = 0;
  /** Requests asked in this turn of the event loop, counted together. */
  private asking: Array<{ checks: Checks; resolve(verdict: Verdict): void }> = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  limitOf(bucket: RateBucket): number {
    return {
      address: this.config.RATE_LIMIT_PER_ADDRESS,
      account: this.config.RATE_LIMIT_PER_ACCOUNT,
      public: this.config.RATE_LIMIT_PUBLIC_PER_ADDRESS,
    }[bucket];
  }

  /**
   * Counts one request in each of its buckets, in order; answers the first bucket over its limit
   * with the seconds to wait, or undefined when none is. The requests that ask in one turn of the
   * event loop are counted in one call to Redis: under load, an API process answers several
   * requests a turn, and writing one call per request took about 3 % of its CPU (docs/benchmarks.md).
   */
  hit(checks: Checks): Promise<Verdict> {
    if (this.redis.status !== 'ready' || checks.length === 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.asking.push({ checks, resolve });
      if (this.asking.length === 1) setImmediate(() => void this.count());
    });
  }

  private async count(): Promise<void> {
    const asking = this.asking;
    this.asking = [];
    const keys = asking.flatMap(({ checks }) => checks.map(([bucket, subject]) => `${this.config.QUEUE_PREFIX}:rate:${bucket}:${subject}`));
    const limits = asking.flatMap(({ checks }) => [checks.length, ...checks.map(([bucket]) => this.limitOf(bucket))]);
    let timer: NodeJS.Timeout | undefined;
    let answer: number[] | undefined;
    try {
      answer = await Promise.race([
        this.redis.eval(HIT, keys.length, ...keys, this.config.RATE_LIMIT_WINDOW_SECONDS * 1000, ...limits) as Promise<number[]>,
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), CHECK_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'Rate limits are not enforced: Redis does not answer');
      }
    } finally {
      clearTimeout(timer);
    }
    asking.forEach(({ checks, resolve }, i) => {
      const over = Number(answer?.[2 * i]);
      resolve(over > 0 ? { bucket: checks[over - 1][0], waitSeconds: Math.max(1, Math.ceil(Number(answer![2 * i + 1]) / 1000)) } : undefined);
    });
  }
}
