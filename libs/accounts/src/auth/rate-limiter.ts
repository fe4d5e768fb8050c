import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { REDIS } from '@lc/redis';

/**
 * INCR first, then judge by the count: atomic, so parallel requests cannot slip past the limit
 * together. Every bucket of a request in one call (one round trip, not one per bucket), counted in
 * order and stopping at the first one over its limit, which is not then counted in the buckets
 * after it. Answers {index of that bucket, its milliseconds left}, or {0, 0}.
 */
const HIT = `
for i = 1, #KEYS do
  local n = redis.call('INCR', KEYS[i])
  if n == 1 then redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[1])) end
  if n > tonumber(ARGV[i + 1]) then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[1])); ttl = tonumber(ARGV[1]) end
    return {i, ttl}
  end
end
return {0, 0}
`;

/** A rate limit check must not slow every request down when Redis is slow: past this it lets the request through. */
const CHECK_TIMEOUT_MS = 500;

export type RateBucket = 'address' | 'account' | 'public';

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
   * with the seconds to wait, or undefined when none is.
   */
  async hit(checks: ReadonlyArray<readonly [RateBucket, string]>): Promise<{ bucket: RateBucket; waitSeconds: number } | undefined> {
    if (this.redis.status !== 'ready' || checks.length === 0) return undefined;
    const windowMs = this.config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    const keys = checks.map(([bucket, subject]) => `${this.config.QUEUE_PREFIX}:rate:${bucket}:${subject}`);
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        this.redis.eval(HIT, keys.length, ...keys, windowMs, ...checks.map(([bucket]) => this.limitOf(bucket))) as Promise<[number, number]>,
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), CHECK_TIMEOUT_MS);
        }),
      ]);
      if (!answer || !(Number(answer[0]) > 0)) return undefined;
      return { bucket: checks[Number(answer[0]) - 1][0], waitSeconds: Math.max(1, Math.ceil(Number(answer[1]) / 1000)) };
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'Rate limits are not enforced: Redis does not answer');
      }
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
