import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError, EventStore, NewEvent } from './event-store.port';
import { inTurn } from './stream-turns';

/** Enough for dozens of processes numbering in one counter at once: each round, one of them wins. */
const MAX_ATTEMPTS = 100;

/**
 * The next number of a counter stream (case numbers, letter numbers), without gaps or doubles:
 * the version of `event` appended at the version just read, so two allocations that read the same
 * version cannot both append. The event's id derives from what is numbered, so numbering it again
 * (a retried request) appends nothing and gets the same number back: the store answers an append
 * of events it holds already with their version. Allocations of one counter take turns in this
 * process; the loser of a race with another process reads again, after a little jitter so that
 * the losers of one round do not all collide again in the next.
 */
export function nextNumber(store: EventStore, streamId: string, event: NewEvent): Promise<number> {
  return inTurn(streamId, async () => {
    for (let attempt = 1; ; attempt++) {
      const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      try {
        return (await store.append(streamId, [event], { expectedVersion: last?.streamVersion ?? 0 })).nextVersion;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(Math.floor(Math.random() * Math.min(50, 2 * attempt)));
      }
    }
  });
}
