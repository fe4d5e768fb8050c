import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { DomainError } from '@lc/decider';
import { REDIS } from '@lc/redis';

/**
 * Counts failed logins per username and per client IP in Redis, so that every API replica shares
 * the count. Past the limit, logins are refused for the rest of the window, right or wrong.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(username: string, ip: string) {
    const prefix = `${this.config.QUEUE_PREFIX}:login-failures`;
    return { user: `${prefix}:user:${username.toLowerCase()}`, ip: `${prefix}:ip:${ip}` };
  }

  async assertAllowed(username: string, ip: string): Promise<void> {
    const keys = this.keys(username, ip);
    const [user, byIp] = await this.redis.mget(keys.user, keys.ip);
    if (Number(user ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_USERNAME || Number(byIp ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_IP) {
      throw new DomainError('too_many_requests', 'Too many failed logins. Try again later.');
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const keys = this.keys(username, ip);
    const window = this.config.LOGIN_FAILURE_WINDOW_SECONDS;
    await this.redis.multi().incr(keys.user).expire(keys.user, window, 'NX').incr(keys.ip).expire(keys.ip, window, 'NX').exec();
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.redis.del(this.keys(username, ip).user);
  }
}
