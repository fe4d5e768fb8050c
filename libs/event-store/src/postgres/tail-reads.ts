import { EventFilter, matchesFilter, RecordedEvent } from '../event-store.port';
import { after, rank } from './positions';

/** A page of the log for one subscription. */
export interface TailPage {
  events: RecordedEvent[];
  /**
   * Where this subscription reads on from, below the same horizon: set when more may follow;
   * absent when every event after `from` and below the horizon that it wants is in `events`.
   */
  continueFrom?: string;
}

/** Reads events after `from` and below `horizon`, in the log's order, at most `max`, optionally filtered. */
export type ReadPage = (from: string | undefined, horizon: string, max: number, filter?: EventFilter) => Promise<RecordedEvent[]>;

interface Ask {
  from: string | undefined;
  max: number;
  filter?: EventFilter;
  resolve(page: TailPage): void;
  reject(error: unknown): void;
}

/**
 * The smallest filter that lets every ask's events through, in the one form a query takes
 * (stream prefixes, event types, or both narrowing together): only when every ask narrows the
 * same way; otherwise none.
 */
function unionOf(filters: (EventFilter | undefined)[]): EventFilter | undefined {
  const prefixesOnly = filters.every((f) => f?.streamPrefixes?.length && !f.eventTypes?.length);
  if (prefixesOnly) return { streamPrefixes: [...new Set(filters.flatMap((f) => f!.streamPrefixes!))] };
  const typesOnly = filters.every((f) => f?.eventTypes?.length && !f.streamPrefixes?.length);
  if (typesOnly) return { eventTypes: [...new Set(filters.flatMap((f) => f!.eventTypes!))] };
  return undefined;
}

/**
 * The live subscriptions of one process read the log's tail together. A notification wakes all of
 * them at once (a worker has one per read model), and each used to run its own query and parse
 * the same new rows into objects of its own: a dozen queries and a dozen JSON parses of every
 * event. Asks that arrive in the same turn of the event loop for the same horizon are answered
 * from one read, from the lowest position among them, with the union of their filters; each takes
 * the events after its own position that its own filter lets through. An ask that one read cannot
 * serve (it starts beyond the end of a full shared page) reads on its own, as does a lone ask.
 *
 * The events are shared between the subscriptions that receive them: subscribers treat events as
 * read-only (the port says so).
 */
export class TailReads {
  private readonly waiting = new Map<string, Ask[]>();

  constructor(
    private readonly readPage: ReadPage,
    private readonly sharedPageSize: number,
  ) {}

  read(from: string | undefined, horizon: string, max: number, filter?: EventFilter): Promise<TailPage> {
    let asks = this.waiting.get(horizon);
    if (!asks) {
      const batch: Ask[] = [];
      asks = batch;
      this.waiting.set(horizon, batch);
      setImmediate(() => {
        this.waiting.delete(horizon);
        void this.serve(horizon, batch);
      });
    }
    const queue = asks;
    return new Promise<TailPage>((resolve, reject) => queue.push({ from, max, filter, resolve, reject }));
  }

  private async serve(horizon: string, asks: Ask[]): Promise<void> {
    if (asks.length === 1) return this.alone(horizon, asks[0]);
    let events: RecordedEvent[];
    try {
      const lowest = asks.map((ask) => ask.from).reduce((low, from) => (after(rank(low), rank(from)) ? from : low));
      events = await this.readPage(lowest, horizon, this.sharedPageSize, unionOf(asks.map((ask) => ask.filter)));
    } catch (error) {
      for (const ask of asks) ask.reject(error);
      return;
    }
    const positions = events.map((event) => rank(event.globalPosition));
    const full = events.length === this.sharedPageSize;
    const end = full ? events[events.length - 1].globalPosition : undefined;
    for (const ask of asks) {
      const from = rank(ask.from);
      if (full && !after(positions[positions.length - 1], from)) {
        void this.alone(horizon, ask); // it is past everything this read saw
        continue;
      }
      const mine: RecordedEvent[] = [];
      for (let i = firstAfter(positions, from); i < events.length && mine.length < ask.max; i++) {
        if (matchesFilter(events[i], ask.filter)) mine.push(events[i]);
      }
      ask.resolve({ events: mine, continueFrom: mine.length === ask.max ? mine[mine.length - 1].globalPosition : end });
    }
  }

  private async alone(horizon: string, ask: Ask): Promise<void> {
    try {
      const events = await this.readPage(ask.from, horizon, ask.max, ask.filter);
      ask.resolve({ events, continueFrom: events.length === ask.max ? events[events.length - 1].globalPosition : undefined });
    } catch (error) {
      ask.reject(error);
    }
  }
}

/** The index of the first position after `from` (positions ascend). */
function firstAfter(positions: [bigint, bigint][], from: [bigint, bigint]): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (after(positions[middle], from)) high = middle;
    else low = middle + 1;
  }
  return low;
}
