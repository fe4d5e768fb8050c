import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { closeRedis, removeRedisKeys } from './redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://localhost:6379';

describe('removeRedisKeys', () => {
  it("removes the keys of one prefix, and only those", async () => {
    const redis = new Redis(REDIS_URL);
    const mine = `test-redis-keys-${randomUUID().slice(0, 8)}`;
    const theirs = `${mine}-other`;
    try {
      // More than one SCAN page.
      const keys = Array.from({ length: 2500 }, (_, i) => `${mine}:job:${i}`);
      for (let i = 0; i < keys.length; i += 500) await redis.mset(...keys.slice(i, i + 500).flatMap((k) => [k, '1']));
      await redis.set(`${theirs}:job:1`, '1');
      expect(await removeRedisKeys(`${mine}:*`, REDIS_URL)).toBe(2500);
      expect(await redis.exists(...keys.slice(0, 100))).toBe(0);
      expect(await redis.get(`${theirs}:job:1`)).toBe('1');
    } finally {
      await redis.del(`${theirs}:job:1`);
      await closeRedis(redis);
    }
  });

  it('does not wait for a Redis that is not there, nor leave a timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    // Port 1 is never a Redis; a fault test's own server may be stopped by the time its app closes.
    await expect(removeRedisKeys('nothing:*', 'redis://127.0.0.1:1')).rejects.toThrow();
    // A timer left running keeps the test worker alive after its last suite (jest then kills it).
    expect(timers()).toBe(before);
  });
});
