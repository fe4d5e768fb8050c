import { randomUUID } from 'node:crypto';
import { DiscoveryService } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@lc/config';
import { dataSourceOptions } from '@lc/database';
import { PostgresEventStore, RecordedEvent } from '@lc/event-store';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { Projection, RegisterProjection } from './projection';
import { ProjectionLocks } from './projection-locks';
import { CheckpointStore, ProjectionRunner } from './projection-runner';
import { ProjectionRegistry } from './projections.module';

let db: TestDatabase;
let dataSource: DataSource;
let store: PostgresEventStore;
let locks: ProjectionLocks | undefined;

beforeAll(async () => {
  db = await createTestDatabase('indexes_set_aside');
  dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
  store = new PostgresEventStore({ pool: { connectionString: db.url }, idlePollMs: 200 });
  await dataSource.query(`CREATE TABLE probe_rows (id text PRIMARY KEY, kind text NOT NULL, at int NOT NULL, CONSTRAINT probe_rows_at_kind UNIQUE (at, kind))`);
  await dataSource.query(`CREATE INDEX probe_rows_kind ON probe_rows (kind)`);
  await dataSource.query(`CREATE INDEX probe_rows_at ON probe_rows (at DESC) WHERE at > 0`);
  for (let i = 0; i < 5; i++) await store.append(`probe-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Probed', data: { at: i } }]);
});

afterAll(async () => {
  await locks?.close();
  await store?.close();
  await dataSource?.destroy();
  await db?.drop();
});

const indexes = async (tx: EntityManager | DataSource = dataSource): Promise<string[]> =>
  (await tx.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'probe_rows' ORDER BY 1`)).map((r: { indexname: string }) => r.indexname);
const definitions = async (): Promise<string[]> =>
  (await dataSource.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'probe_rows' ORDER BY 1`)).map((r: { indexdef: string }) => r.indexdef);
const onRecord = async (): Promise<string[]> =>
  (await dataSource.query(`SELECT index_name FROM projection_indexes_set_aside ORDER BY 1`)).map((r: { index_name: string }) => r.index_name);

/** Writes a row per event and notes which indexes its table had while it applied. */
function probe(): Projection & { seenIndexes: string[][] } {
  @RegisterProjection()
  class Probe implements Projection {
    readonly name = 'probe-rows';
    readonly filter = { streamPrefixes: ['probe-'] };
    readonly tables = ['probe_rows'];
    readonly indexesReadWhileApplying = ['probe_rows_kind'];
    readonly seenIndexes: string[][] = [];
    async apply(events: RecordedEvent[], tx: EntityManager) {
      this.seenIndexes.push(await indexes(tx));
      for (const e of events) await tx.query(`INSERT INTO probe_rows (id, kind, at) VALUES ($1, 'probe', $2)`, [e.eventId, e.data.at]);
    }
  }
  return new Probe();
}

function registryOf(projection: Projection): ProjectionRegistry {
  const discovery = { getProviders: () => [{ instance: projection, metatype: projection.constructor }] } as unknown as DiscoveryService;
  return new ProjectionRegistry(discovery, dataSource, store, { DATABASE_URL: db.url, PROJECTION_BATCH_SIZE: 2 } as AppConfig);
}

it('replays without the indexes its apply does not read by, and makes them again as they were', async () => {
  const before = await definitions();
  const projection = probe();

  const result = await registryOf(projection).rebuildAll(2);

  expect(result.applied).toEqual({ 'probe-rows': 5 });
  // Three pages: the primary key, the unique constraint and the index apply reads by, nothing else.
  expect(projection.seenIndexes).toEqual(Array(3).fill(['probe_rows_at_kind', 'probe_rows_kind', 'probe_rows_pkey']));
  expect(await definitions()).toEqual(before);
  expect(await onRecord()).toEqual([]);
  expect(Number((await dataSource.query(`SELECT count(*) AS n FROM probe_rows`))[0].n)).toBe(5);
  // Analysed once written: the planner knows the rebuilt table without waiting for autovacuum.
  const [stats] = await dataSource.query(`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'probe_rows'`);
  expect(stats.last_analyze).not.toBeNull();
});

it('makes them again before it reports a failed page', async () => {
  const before = await definitions();
  const projection = probe();
  const apply = projection.apply.bind(projection);
  projection.apply = async (events, tx) => {
    if (projection.seenIndexes.length === 1) throw new Error('the second page does not apply');
    await apply(events, tx);
  };

  await expect(registryOf(projection).rebuildAll(2)).rejects.toThrow('the second page does not apply');

  expect(projection.seenIndexes).toEqual([['probe_rows_at_kind', 'probe_rows_kind', 'probe_rows_pkey']]);
  expect(await definitions()).toEqual(before);
  expect(await onRecord()).toEqual([]);
});

it('leaves what it set aside on record when it dies halfway, and the runner that takes the projection makes it again', async () => {
  const before = await definitions();
  const projection = probe();
  const checkpoints = new CheckpointStore(dataSource);
  // A rebuild's reset, and then nothing: the process died before its last page.
  await checkpoints.reset(projection, { setIndexesAside: true });
  expect(await indexes()).toEqual(['probe_rows_at_kind', 'probe_rows_kind', 'probe_rows_pkey']);
  expect(await onRecord()).toEqual(['public.probe_rows_at']);

  locks = new ProjectionLocks(db.url);
  const runner = new ProjectionRunner(projection, store, checkpoints, locks, { batchSize: 100, standbyRetryMs: 100 });
  runner.start();
  try {
    const deadline = Date.now() + 30_000;
    while ((await dataSource.query(`SELECT count(*) AS n FROM probe_rows`))[0].n !== '5') {
      if (Date.now() > deadline) throw new Error('the runner did not replay the probe');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await runner.stop();
  }
  // Made again before the first batch: the runner's batches saw every index.
  expect(projection.seenIndexes[0]).toEqual(['probe_rows_at', 'probe_rows_at_kind', 'probe_rows_kind', 'probe_rows_pkey']);
  expect(await definitions()).toEqual(before);
  expect(await onRecord()).toEqual([]);
});
