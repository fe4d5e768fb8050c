import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig, APP_CONFIG } from '@lc/config';
import Redis from 'ioredis';
import { withTimeout } from './with-timeout';

@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  /** Its own small connection: a check must not queue behind BullMQ's blocking commands. */
  private readonly client: Redis;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.client = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectionName: 'health' });
    // The check reports an unreachable Redis; without a listener ioredis would print every retry.
    this.client.on('error', () => undefined);
  }

  async isHealthy(key = 'redis') {
    const indicator = this.indicators.check(key);
    try {
      const answer = await withTimeout(this.client.ping(), 3000, 'Redis');
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: `PING answered ${answer}` });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}
