import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError, EventStore, NewEvent, PartialDuplicateAppendError } from './event-store.port';
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
  return inTurn(streamId, () => appendCounted(store, streamId, event));
}

/**
 * Numbers for several records at once, in the order given, from one read and one append (an
 * import numbering a file's cases): the same numbers nextNumber would give them one after another.
 * Should some of them hold a number already (a job retried after a crash), each is numbered on its
 * own instead, and gets its own number back.
 */
export function nextNumbers(store: EventStore, streamId: string, events: NewEvent[]): Promise<number[]> {
  if (events.length === 0) return Promise.resolve([]);
  return inTurn(streamId, async () => {
    const before = await lastVersion(store, streamId);
    try {
      const { nextVersion } = await store.append(streamId, events, { expectedVersion: before });
      // Appended now: the numbers follow the version read. (All of them stored already: see below.)
      if (nextVersion === before + events.length) return events.map((_, i) => before + 1 + i);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) && !(error instanceof PartialDuplicateAppendError)) throw error;
    }
    const numbers: number[] = [];
    for (const event of events) numbers.push(await appendCounted(store, streamId, event));
    return numbers;
  });
}

async function lastVersion(store: EventStore, streamId: string): Promise<number> {
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  return last?.streamVersion ?? 0;
}

async function appendCounted(store: EventStore, streamId: string, event: NewEvent): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await store.append(streamId, [event], { expectedVersion: await lastVersion(store, streamId) })).nextVersion;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(Math.floor(Math.random() * Math.min(50, 2 * attempt)));
    }
  }
}
