import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { REDIS } from '@lc/redis';

/** INCR first, then judge by the count: atomic, so parallel requests cannot slip past the limit together. */
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1])) end
if n > tonumber(ARGV[2]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1])); ttl = tonumber(ARGV[1]) end
  return ttl
end
return 0
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

  /** Counts one request; answers the seconds to wait when over the limit, or 0. */
  async hit(bucket: RateBucket, subject: string): Promise<number> {
    if (this.redis.status !== 'ready') return 0;
    const windowMs = this.config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    const key = `${this.config.QUEUE_PREFIX}:rate:${bucket}:${subject}`;
    let timer: NodeJS.Timeout | undefined;
    try {
      const waitMs = await Promise.race([
        this.redis.eval(HIT, 1, key, windowMs, this.limitOf(bucket)),
        new Promise<number>((resolve) => {
          timer = setTimeout(() => resolve(0), CHECK_TIMEOUT_MS);
        }),
      ]);
      return Number(waitMs) > 0 ? Math.max(1, Math.ceil(Number(waitMs) / 1000)) : 0;
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'Rate limits are not enforced: Redis does not answer');
      }
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
