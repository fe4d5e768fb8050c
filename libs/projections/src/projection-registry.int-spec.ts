import { randomUUID } from 'node:crypto';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig } from '@lc/config';
import { dataSourceOptions } from '@lc/database';
import { EventDataTransformer, NewEvent, PostgresEventStore, RecordedEvent, TransformingEventStore } from '@lc/event-store';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { Projection, PROJECTION, RegisterProjection } from './projection';
import { CheckpointStore } from './projection-runner';
import { ProjectionRegistry } from './projections.module';

/** Stands in for the personal-data protection: `secret` is kept wrapped and handed out unwrapped. */
const wrapping: EventDataTransformer = {
  async encode(_stream: string, events: NewEvent[]) {
    return events.map((e) => ({ ...e, data: { ...e.data, secret: `sealed:${String(e.data.secret)}` } }));
  },
  async decode(events: RecordedEvent[]) {
    return events.map((e) => ({ ...e, data: { ...e.data, secret: String(e.data.secret).replace(/^sealed:/, '') } }));
  },
};

/** Remembers the `secret` of every event it is given. */
function probe(name: string, readsPersonalData?: false): Projection & { seen: unknown[] } {
  @RegisterProjection()
  class Probe implements Projection {
    readonly name = name;
    readonly filter = { streamPrefixes: ['probe-'] };
    readonly tables: string[] = [];
    readonly readsPersonalData = readsPersonalData;
    readonly seen: unknown[] = [];
    async apply(events: RecordedEvent[]) {
      this.seen.push(...events.map((e) => e.data.secret));
    }
  }
  return new Probe();
}

let db: TestDatabase;
let dataSource: DataSource;
let inner: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase('projection_registry');
  dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
  inner = new PostgresEventStore({ pool: { connectionString: db.url } });
});

afterAll(async () => {
  await inner?.close();
  await dataSource?.destroy();
  await db?.drop();
});

it('gives a projection that reads no personal data the events as stored, and the others the events as opened', async () => {
  const store = new TransformingEventStore(inner, wrapping);
  await store.append(`probe-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Probed', data: { secret: 'Zhang San' } }]);
  const sealedReader = probe('probe-stored', false);
  const openReader = probe('probe-opened');
  const providers = [sealedReader, openReader].map((instance) => ({ instance, metatype: instance.constructor }));
  const discovery = { getProviders: () => providers } as unknown as DiscoveryService;
  expect(Reflect.getMetadata(PROJECTION, sealedReader.constructor)).toBe(true);
  const registry = new ProjectionRegistry(discovery, dataSource, store, { DATABASE_URL: db.url, PROJECTION_BATCH_SIZE: 100 } as AppConfig);

  // No worker holds their locks: each is replayed here, by the registry, from the store it chose.
  expect(await registry.rebuild('probe-stored')).toEqual({ replayedHere: true, events: 1 });
  expect(await registry.rebuild('probe-opened')).toEqual({ replayedHere: true, events: 1 });
  expect(sealedReader.seen).toEqual(['sealed:Zhang San']);
  expect(openReader.seen).toEqual(['Zhang San']);
});

it('rebuilds every read model in one pass, each given the form it reads', async () => {
  const store = new TransformingEventStore(inner, wrapping);
  const sealedReader = probe('probe-all-stored', false);
  const openReader = probe('probe-all-opened');
  const providers = [sealedReader, openReader].map((instance) => ({ instance, metatype: instance.constructor }));
  const discovery = { getProviders: () => providers } as unknown as DiscoveryService;
  const registry = new ProjectionRegistry(discovery, dataSource, store, { DATABASE_URL: db.url, PROJECTION_BATCH_SIZE: 100 } as AppConfig);

  const result = await registry.rebuildAll();
  // The first test's event and nothing else of the probes' streams.
  expect(result.applied).toEqual({ 'probe-all-stored': 1, 'probe-all-opened': 1 });
  expect(sealedReader.seen).toEqual(['sealed:Zhang San']);
  expect(openReader.seen).toEqual(['Zhang San']);
});

it('leaves each checkpoint at the end of the log it read, past the events the projection does not read', async () => {
  // Filtered reads of the log walk it from the checkpoint (it has no index of types): a rebuild
  // leaves them nothing to walk again, page by page (the API's freshness counts while it runs) and at the end.
  const store = new TransformingEventStore(inner, wrapping);
  await store.append(`probe-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Probed', data: { secret: 'Li Si' } }]);
  for (let i = 0; i < 5; i++) await store.append(`other-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Other', data: { secret: `o${i}` } }]);
  const reader = probe('probe-to-the-end', false);
  const passed: Array<string | null> = [];
  const advance = CheckpointStore.prototype.advance;
  const spied = jest.spyOn(CheckpointStore.prototype, 'advance').mockImplementation(function (this: CheckpointStore, ...args) {
    passed.push(args[2]);
    return advance.apply(this, args);
  });
  try {
    const discovery = { getProviders: () => [{ instance: reader, metatype: reader.constructor }] } as unknown as DiscoveryService;
    const registry = new ProjectionRegistry(discovery, dataSource, store, { DATABASE_URL: db.url, PROJECTION_BATCH_SIZE: 2 } as AppConfig);
    await registry.rebuildAll(2);
  } finally {
    spied.mockRestore();
  }
  const log = await inner.readAll({ maxCount: 10_000 });
  const [row] = await dataSource.query(`SELECT position FROM projection_checkpoints WHERE name = 'probe-to-the-end'`);
  expect(row.position).toBe(log[log.length - 1].globalPosition);
  // Pages of two: the pages with none of its events moved it on as well, not only the end.
  expect(passed.length).toBeGreaterThan(1);
});

it('stops a rebuild at the first failure of a projection, and says what failed', async () => {
  const store = new TransformingEventStore(inner, wrapping);
  for (let i = 0; i < 4; i++) await store.append(`probe-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Probed', data: { secret: `s${i}` } }]);
  const steady = probe('probe-steady', false);
  const failing = probe('probe-failing', false);
  failing.apply = async (events) => {
    failing.seen.push(...events.map((e) => e.data.secret));
    if (failing.seen.length === 2) throw new Error('the second page does not apply');
  };
  const providers = [steady, failing].map((instance) => ({ instance, metatype: instance.constructor }));
  const discovery = { getProviders: () => providers } as unknown as DiscoveryService;
  const registry = new ProjectionRegistry(discovery, dataSource, store, { DATABASE_URL: db.url, PROJECTION_BATCH_SIZE: 1 } as AppConfig);

  // Pages of one event: the failing projection is handed no page after its second.
  await expect(registry.rebuildAll(1)).rejects.toThrow('the second page does not apply');
  expect(failing.seen).toHaveLength(2);
});
