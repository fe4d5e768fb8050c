import Redis from 'ioredis';

/**
 * Removes the keys matching `pattern` (a SCAN pattern, say `test-alerts-1a2b3c4d:*`) and answers
 * how many went: what a test app or a bench run left under its own queue prefix. The shared
 * Redis keeps nothing on disk but everything in memory for as long as it runs, so without this
 * every run of the suite left some 2,000 keys of queues and rate limits behind for good.
 * A Redis that is not there (a fault test stopped its own) is not waited for. The Redis is the
 * shared one (REDIS_URL, as the service's config defaults it) unless another is named.
 */
export async function removeRedisKeys(pattern: string, redisUrl = process.env.REDIS_URL ?? 'redis://localhost:6379'): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 2000 });
  // A refused connection is the rejection of connect(); not also an "unhandled error event" on stderr.
  redis.on('error', () => undefined);
  let removed = 0;
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: pattern, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length) removed += await redis.unlink(...keys);
    }
  } finally {
    await closeRedis(redis);
  }
  return removed;
}

/**
 * Disconnects `redis` and waits until its socket has closed. ioredis' `disconnect()` starts a 2 s
 * timer that only the socket's close clears: called on a client that has already ended (a refused
 * connection) it runs its full time, and it kept a test worker alive after its last suite (jest
 * then force-exits the worker). Waited for, nothing of the client outlives the call.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  await new Promise<void>((resolve) => {
    redis.once('end', () => resolve());
    redis.disconnect();
  });
}
