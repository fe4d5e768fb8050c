import {
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';

/**
 * Rewrites events' data on their way into and out of the store, so that what is kept differs
 * from what the domain sees (personal data sealed under per-person keys: libs/personal-data).
 * Deciders and projections never meet the stored form.
 */
export interface EventDataTransformer {
  /** The events as they are to be stored. May assign ids inside the data; must not change event ids or types. */
  encode(streamId: string, events: NewEvent[]): Promise<NewEvent[]>;
  /** The stored events as callers see them, in the same order. */
  decode(events: RecordedEvent[]): Promise<RecordedEvent[]>;
}

/** The Nest injection token of the EventDataTransformer that EventStoreModule puts in front of the adapter. */
export const EVENT_DATA_TRANSFORMER = Symbol('EVENT_DATA_TRANSFORMER');

/** An EventStore that hands every append to `encode` and every read to `decode`; positions and versions pass unchanged. */
export class TransformingEventStore implements EventStore {
  constructor(
    readonly inner: EventStore,
    private readonly transformer: EventDataTransformer,
  ) {}

  async append(streamId: string, events: NewEvent[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult> {
    return this.inner.append(streamId, await this.transformer.encode(streamId, events), options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.transformer.decode(await this.inner.readStream(streamId, options));
  }

  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = await this.inner.readStreams(streamIds);
    // One decode for all of them: the keys of every person in the lot are looked up at once.
    const decoded = await this.transformer.decode([...streams.values()].flat());
    let i = 0;
    for (const [id, events] of streams) streams.set(id, decoded.slice(i, (i += events.length)));
    return streams;
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.transformer.decode(await this.inner.readAll(options));
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribeToAll(options);
    const transformer = this.transformer;
    // While an event is being opened the inner subscription has handed it out and this one has
    // not: its position then is that of the last event this one handed out.
    let opening = false;
    let handedOut = options?.fromCheckpoint;
    return {
      close: () => inner.close(),
      position: () => (opening ? handedOut : inner.position()),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) {
          opening = true;
          const [decoded] = await transformer.decode([event]);
          opening = false;
          handedOut = event.globalPosition;
          yield decoded;
        }
      },
    };
  }

  /** Stored events, read from `inner`, as this store's readers see them. */
  decodeStored(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    return this.transformer.decode(events);
  }

  hasEventsAfter(position: string | undefined, filter?: EventFilter): Promise<boolean> {
    return this.inner.hasEventsAfter(position, filter);
  }

  countEventsAfter(position: string | undefined, filter: EventFilter | undefined, max: number): Promise<number> {
    return this.inner.countEventsAfter(position, filter, max);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * Stored events (from storedForm's store) as `store` hands them out: a reader that read once in
 * stored form opens only what its readers of personal data need.
 */
export function openStored(store: EventStore, events: RecordedEvent[]): Promise<RecordedEvent[]> {
  return store instanceof TransformingEventStore ? store.decodeStored(events) : Promise.resolve(events);
}

/**
 * The events as the store keeps them, not transformed on the way out: for a reader that never
 * looks at what the transformer rewrites (a projection that reads no personal data), which then
 * does not pay for it. Any other store is its own stored form.
 */
export function storedForm(store: EventStore): EventStore {
  return store instanceof TransformingEventStore ? store.inner : store;
}
