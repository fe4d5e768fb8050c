import { randomUUID } from 'node:crypto';
import { ConcurrencyError, EventStore, NewEvent, RecordedEvent } from '../event-store.port';

/**
 * The behaviour every EventStore adapter must show. The store may already hold events (a shared
 * KurrentDB server), so each test works in streams under a prefix of its own.
 */
export function describeEventStoreContract(adapterName: string, createStore: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    let prefix: string;

    beforeAll(async () => {
      store = await createStore();
    });
    afterAll(async () => {
      await store.close();
    });
    beforeEach(() => {
      prefix = `contract${randomUUID().replace(/-/g, '')}-`;
    });

    const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
      eventId: randomUUID(),
      type,
      data,
      metadata: { actorId: 'user-1', actorRole: 'mediator', correlationId: randomUUID(), schemaVersion: 1 },
    });

    async function readAllUnder(streamPrefix: string, fromPosition?: string): Promise<RecordedEvent[]> {
      const all: RecordedEvent[] = [];
      let position = fromPosition;
      for (;;) {
        const page = await store.readAll({ fromPosition: position, maxCount: 1000, filter: { streamPrefixes: [streamPrefix] } });
        if (page.length === 0) return all;
        all.push(...page);
        position = page[page.length - 1].globalPosition;
      }
    }

    async function conflictOf(promise: Promise<unknown>): Promise<ConcurrencyError> {
      try {
        await promise;
      } catch (error) {
        expect(error).toBeInstanceOf(ConcurrencyError);
        return error as ConcurrencyError;
      }
      throw new Error('expected a ConcurrencyError, but the append succeeded');
    }

    it('appends events and reads them back with their envelope', async () => {
      const stream = `${prefix}case-1`;
      const events = [event('Opened', { amountFen: 12345 }), event('Assigned', { to: 'm-1' }), event('Noted', { n: '中文' })];
      const result = await store.append(stream, events, { expectedVersion: 'no_stream' });
      expect(result.nextVersion).toBe(3);
      expect(typeof result.globalPosition).toBe('string');

      const read = await store.readStream(stream);
      expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(read.map((e) => e.type)).toEqual(['Opened', 'Assigned', 'Noted']);
      expect(read[0].data).toEqual({ amountFen: 12345 });
      expect(read[2].data).toEqual({ n: '中文' });
      expect(read[0].metadata).toMatchObject(events[0].metadata!);
      expect(read.every((e) => e.streamId === stream)).toBe(true);
      expect(read.every((e) => e.recordedAt instanceof Date && !Number.isNaN(e.recordedAt.getTime()))).toBe(true);
      expect(read[2].globalPosition).toBe(result.globalPosition);
      expect(new Set(read.map((e) => e.globalPosition)).size).toBe(3);
    });

    it('reads a stream from a version, backwards, and up to a count', async () => {
      const stream = `${prefix}case-2`;
      await store.append(stream, [event('A'), event('B'), event('C'), event('D')]);
      expect((await store.readStream(stream, { fromVersion: 2, maxCount: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
      expect((await store.readStream(stream, { direction: 'backwards', maxCount: 1 })).map((e) => e.type)).toEqual(['D']);
      expect((await store.readStream(stream, { direction: 'backwards', fromVersion: 2 })).map((e) => e.type)).toEqual(['B', 'A']);
      expect(await store.readStream(`${prefix}never-written`)).toEqual([]);
    });

    it('reads the last events of many streams asked at once, each its own, and sees the appends that returned before', async () => {
      const streams = Array.from({ length: 12 }, (_, i) => `${prefix}heads-${i}`);
      await Promise.all(streams.map((s, i) => store.append(s, Array.from({ length: i + 1 }, (_, n) => event(`E${n + 1}`)))));
      const missing = `${prefix}heads-never-written`;
      const heads = await Promise.all([...streams, missing].map((s) => store.readStream(s, { direction: 'backwards', maxCount: 1 })));
      expect(heads.map((read) => read.map((e) => [e.streamId, e.streamVersion, e.type]))).toEqual([
        ...streams.map((s, i) => [[s, i + 1, `E${i + 1}`]]),
        [],
      ]);
      // Each append returned before its read was asked: the read sees it, whatever else is being read.
      for (let round = 0; round < 5; round++) {
        const [, last] = await Promise.all([
          store.readStream(streams[0], { direction: 'backwards', maxCount: 1 }),
          store.append(streams[1], [event('Later')]).then(() => store.readStream(streams[1], { direction: 'backwards', maxCount: 1 })),
        ]);
        expect(last.map((e) => [e.type, e.streamVersion])).toEqual([['Later', 3 + round]]);
      }
    });

    it('reads several whole streams at once, each as readStream reads it', async () => {
      const [a, b, missing] = [`${prefix}many-a`, `${prefix}many-b`, `${prefix}many-never-written`];
      await store.append(a, [event('A1'), event('A2')]);
      await store.append(b, [event('B1')]);
      await store.append(a, [event('A3')]);
      const read = await store.readStreams([b, missing, a]);
      expect([...read.keys()].sort()).toEqual([a, b, missing].sort());
      expect(read.get(a)).toEqual(await store.readStream(a));
      expect(read.get(a)!.map((e) => e.type)).toEqual(['A1', 'A2', 'A3']);
      expect(read.get(b)).toEqual(await store.readStream(b));
      expect(read.get(missing)).toEqual([]);
      expect((await store.readStreams([])).size).toBe(0);
    });

    describe('expectedVersion', () => {
      it("'no_stream' creates a stream and refuses an existing one", async () => {
        const stream = `${prefix}s`;
        await store.append(stream, [event('A')], { expectedVersion: 'no_stream' });
        const conflict = await conflictOf(store.append(stream, [event('B')], { expectedVersion: 'no_stream' }));
        expect(conflict).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 1 });
      });

      it("'exists' refuses a missing stream and accepts an existing one", async () => {
        const stream = `${prefix}s`;
        const conflict = await conflictOf(store.append(stream, [event('A')], { expectedVersion: 'exists' }));
        expect(conflict).toMatchObject({ expected: 'exists', actual: 0 });
        await store.append(stream, [event('A')]);
        expect((await store.append(stream, [event('B')], { expectedVersion: 'exists' })).nextVersion).toBe(2);
      });

      it('a number must be the current version', async () => {
        const stream = `${prefix}s`;
        expect((await store.append(stream, [event('A')], { expectedVersion: 0 })).nextVersion).toBe(1);
        expect((await store.append(stream, [event('B')], { expectedVersion: 1 })).nextVersion).toBe(2);
        const stale = await conflictOf(store.append(stream, [event('C')], { expectedVersion: 1 }));
        expect(stale).toMatchObject({ streamId: stream, expected: 1, actual: 2 });
        expect(stale.message).toContain('expected version 1');
        const ahead = await conflictOf(store.append(`${prefix}missing`, [event('C')], { expectedVersion: 3 }));
        expect(ahead).toMatchObject({ expected: 3, actual: 0 });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it("'any' appends whatever the version", async () => {
        const stream = `${prefix}s`;
        expect((await store.append(stream, [event('A')], { expectedVersion: 'any' })).nextVersion).toBe(1);
        expect((await store.append(stream, [event('B'), event('C')], { expectedVersion: 'any' })).nextVersion).toBe(3);
      });
    });

    it('re-appending the same event ids is a successful no-op', async () => {
      const stream = `${prefix}s`;
      const batch = [event('Opened'), event('Flagged')];
      const first = await store.append(stream, batch, { expectedVersion: 'no_stream' });
      const retried = await store.append(stream, batch, { expectedVersion: 'no_stream' });
      expect(retried.nextVersion).toBe(first.nextVersion);
      expect(retried.globalPosition).toBe(first.globalPosition);
      const again = await store.append(stream, batch, { expectedVersion: 'any' });
      expect(again.nextVersion).toBe(2);
      expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
    });

    it('readAll returns events in global order, after an exclusive position, filtered', async () => {
      const a = `${prefix}a`;
      const b = `${prefix}b`;
      const appended: string[] = [];
      for (let i = 0; i < 5; i++) {
        const ea = event('Tick', { i });
        const eb = event('Tock', { i });
        await store.append(a, [ea]);
        await store.append(b, [eb]);
        appended.push(ea.eventId, eb.eventId);
      }
      const all = await readAllUnder(prefix);
      expect(all.map((e) => e.eventId)).toEqual(appended);
      const rest = await readAllUnder(prefix, all[3].globalPosition);
      expect(rest.map((e) => e.eventId)).toEqual(appended.slice(4));
      const onlyTocks = await store.readAll({ filter: { streamPrefixes: [prefix], eventTypes: ['Tock'] }, maxCount: 100 });
      expect(onlyTocks.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4]);
      const page = await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 3 });
      expect(page.map((e) => e.eventId)).toEqual(appended.slice(0, 3));
    });

    it('tells whether events matching a filter exist after a position', async () => {
      expect(await store.hasEventsAfter(undefined, { streamPrefixes: [prefix] })).toBe(false);
      await store.append(`${prefix}a`, [event('A')]);
      await store.append(`${prefix}b`, [event('B')]);
      const [first, second] = await readAllUnder(prefix);
      expect(await store.hasEventsAfter(undefined, { streamPrefixes: [prefix] })).toBe(true);
      expect(await store.hasEventsAfter(first.globalPosition, { streamPrefixes: [prefix] })).toBe(true);
      expect(await store.hasEventsAfter(first.globalPosition, { streamPrefixes: [prefix], eventTypes: ['A'] })).toBe(false);
      expect(await store.hasEventsAfter(second.globalPosition, { streamPrefixes: [prefix] })).toBe(false);
    });

    it('counts the events matching a filter after a position, up to a most', async () => {
      expect(await store.countEventsAfter(undefined, { streamPrefixes: [prefix] }, 10)).toBe(0);
      await store.append(`${prefix}a`, [event('A'), event('A')]);
      await store.append(`${prefix}b`, [event('B')]);
      const [first] = await readAllUnder(prefix);
      expect(await store.countEventsAfter(undefined, { streamPrefixes: [prefix] }, 10)).toBe(3);
      expect(await store.countEventsAfter(undefined, { streamPrefixes: [prefix] }, 2)).toBe(2);
      expect(await store.countEventsAfter(first.globalPosition, { streamPrefixes: [prefix] }, 10)).toBe(2);
      expect(await store.countEventsAfter(first.globalPosition, { streamPrefixes: [prefix], eventTypes: ['B'] }, 10)).toBe(1);
    });

    it('a subscriber sees every event exactly once, in global order, while 32 writers append 10,000 events', async () => {
      const writers = 32;
      const perWriter = 320; // 10,240 events
      const total = writers * perWriter;
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const consumed = (async () => {
        for await (const e of subscription) {
          received.push(e);
          if (received.length >= total) break;
        }
      })();

      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          let written = 0;
          let round = 0;
          while (written < perWriter) {
            // Batches of 1 to 4 events, to several streams per writer, some of them shared by writers.
            const size = Math.min(perWriter - written, 1 + ((w + round) % 4));
            const stream = round % 5 === 0 ? `${prefix}shared-${round % 7}` : `${prefix}w${w}-${round % 3}`;
            await store.append(stream, Array.from({ length: size }, (_, k) => event('Written', { w, n: written + k })));
            written += size;
            round++;
          }
        }),
      );

      // A timer left running after the race keeps jest alive and hides real leaked handles: clear it.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`subscriber received ${received.length} of ${total}`)), 60_000);
      });
      try {
        await Promise.race([consumed, timeout]);
      } finally {
        clearTimeout(timer);
        await subscription.close();
      }

      expect(received).toHaveLength(total);
      expect(new Set(received.map((e) => e.eventId)).size).toBe(total);
      // The live order is the log's order.
      const log = await readAllUnder(prefix);
      expect(received.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
      // Each stream's events arrive in stream order, each writer's in the order it wrote them.
      const lastVersion = new Map<string, number>();
      const lastN = new Map<number, number>();
      for (const e of received) {
        expect(e.streamVersion).toBe((lastVersion.get(e.streamId) ?? 0) + 1);
        lastVersion.set(e.streamId, e.streamVersion);
        const w = e.data.w as number;
        expect(e.data.n).toBe((lastN.get(w) ?? -1) + 1);
        lastN.set(w, e.data.n as number);
      }
    }, 120_000);

    it('a subscriber resumes after its checkpoint, then goes live', async () => {
      const stream = `${prefix}s`;
      const first = [event('A'), event('B'), event('C')];
      await store.append(stream, first);

      const initial = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const seen: RecordedEvent[] = [];
      for await (const e of initial) {
        seen.push(e);
        if (seen.length === 2) break;
      }
      await initial.close();
      const checkpoint = seen[1].globalPosition;

      const later = [event('D'), event('E')];
      const resumed = store.subscribeToAll({ fromCheckpoint: checkpoint, filter: { streamPrefixes: [prefix] } });
      const after: string[] = [];
      const done = (async () => {
        for await (const e of resumed) {
          after.push(e.type);
          if (after.length === 3) break;
        }
      })();
      await store.append(stream, later);
      await done;
      await resumed.close();
      expect(after).toEqual(['C', 'D', 'E']);
    });

    it('a subscription says how far it has read: a reader from there gets only what it has not handed out', async () => {
      const stream = `${prefix}position`;
      await store.append(stream, [event('Wanted', { n: 1 }), event('Other'), event('Other')]);
      const filter = { streamPrefixes: [`${prefix}position`], eventTypes: ['Wanted'] };
      const subscription = store.subscribeToAll({ filter });
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        const first = await iterator.next();
        expect(first.value.data).toEqual({ n: 1 });
        const handedOut = subscription.position();
        expect(handedOut).toBeDefined();
        await store.append(stream, [event('Other'), event('Wanted', { n: 2 })]);
        expect((await store.readAll({ fromPosition: handedOut, filter })).map((e) => e.data.n)).toEqual([2]);
        expect((await iterator.next()).value.data).toEqual({ n: 2 });
        expect(await store.readAll({ fromPosition: subscription.position(), filter })).toEqual([]);
      } finally {
        await subscription.close();
      }
    });

    it('closing a waiting subscription ends its iteration', async () => {
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const drained = (async () => {
        const got: RecordedEvent[] = [];
        for await (const e of subscription) got.push(e);
        return got;
      })();
      await new Promise((r) => setTimeout(r, 50));
      await subscription.close();
      await expect(drained).resolves.toEqual([]);
    });
  });
}
