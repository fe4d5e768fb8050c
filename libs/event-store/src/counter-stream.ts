import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError, EventStore, NewEvent, PartialDuplicateAppendError } from './event-store.port';
import { inTurn } from './stream-turns';

/** Enough for dozens of processes numbering in one counter at once: each round, one of them wins. */
const MAX_ATTEMPTS = 100;

/** Numbers asked of one counter, waiting for their turn. */
interface Ask {
  events: NewEvent[];
  resolve(numbers: number[]): void;
  reject(error: unknown): void;
}

/** Per counter stream, the asks that will take the next turn together (none while no turn waits). */
const gathering = new Map<string, Ask[]>();

/**
 * The next number of a counter stream (case numbers, letter numbers), without gaps or doubles:
 * the version of `event` appended at the version just read, so two allocations that read the same
 * version cannot both append. The event's id derives from what is numbered, so numbering it again
 * (a retried request) appends nothing and gets the same number back: the store answers an append
 * of events it holds already with their version.
 */
export async function nextNumber(store: EventStore, streamId: string, event: NewEvent): Promise<number> {
  const [number] = await nextNumbers(store, streamId, [event]);
  return number;
}

/**
 * Numbers for several records at once, in the order given (an import numbering a file's cases):
 * the same numbers nextNumber would give them one after another.
 *
 * Allocations of one counter take turns in this process, and those asked while a turn is out go
 * together in the next one: one read and one append for all of them, in the order they asked.
 * One after another, every opening of a case waited for each earlier one's read and append: under
 * section 4's load of the bench, the four sub-districts' counters made case openings the slowest
 * command by far (p50 241 ms against 45 for a step; docs/benchmarks.md, 2026-12-04, late).
 */
export function nextNumbers(store: EventStore, streamId: string, events: NewEvent[]): Promise<number[]> {
  if (events.length === 0) return Promise.resolve([]);
  return new Promise<number[]>((resolve, reject) => {
    const waiting = gathering.get(streamId);
    if (waiting) {
      waiting.push({ events, resolve, reject });
      return;
    }
    const asks: Ask[] = [{ events, resolve, reject }];
    gathering.set(streamId, asks);
    void inTurn(streamId, async () => {
      // This turn has come: whoever asks from now on gathers for the next one.
      gathering.delete(streamId);
      try {
        // The same record asked twice at once (a request retried before its answer came) is one event, one number.
        const distinct = [...new Map(asks.flatMap((ask) => ask.events).map((e) => [e.eventId, e])).values()];
        const numbers = await numberTogether(store, streamId, distinct);
        const byId = new Map(distinct.map((e, i) => [e.eventId, numbers[i]]));
        for (const ask of asks) ask.resolve(ask.events.map((e) => byId.get(e.eventId)!));
      } catch (error) {
        for (const ask of asks) ask.reject(error);
      }
    });
  });
}

/**
 * Appends `events` (distinct ids) at the counter's version just read; their numbers follow it. The
 * loser of a race with another process reads again, after a little jitter so that the losers of
 * one round do not all collide again in the next. Should some of them hold a number already (a
 * retried request, a job retried after a crash), each is numbered on its own instead, and gets
 * its own number back.
 */
async function numberTogether(store: EventStore, streamId: string, events: NewEvent[]): Promise<number[]> {
  for (let attempt = 1; ; attempt++) {
    const before = await lastVersion(store, streamId);
    try {
      const { nextVersion } = await store.append(streamId, events, { expectedVersion: before });
      if (nextVersion === before + events.length) return events.map((_, i) => before + 1 + i);
      // Stored already, all of them: the store answered with the last one's version.
      if (events.length === 1) return [nextVersion];
      break;
    } catch (error) {
      if (error instanceof PartialDuplicateAppendError) break;
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(Math.floor(Math.random() * Math.min(50, 2 * attempt)));
    }
  }
  const numbers: number[] = [];
  for (const event of events) numbers.push(...(await numberTogether(store, streamId, [event])));
  return numbers;
}

async function lastVersion(store: EventStore, streamId: string): Promise<number> {
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  return last?.streamVersion ?? 0;
}
