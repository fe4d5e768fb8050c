import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lc/database';
import { PostgresEventStore } from '@lc/event-store';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { TimelineEntry } from '@lc/audit-trail';
import { TimelineProjection } from '../../audit-trail/src/timeline.projection';
import { ProjectionLocks } from './projection-locks';
import { CheckpointStore, ProjectionRunner, replay } from './projection-runner';

let db: TestDatabase;
let dataSource: DataSource;
let store: PostgresEventStore;
const projection = new TimelineProjection();

beforeAll(async () => {
  db = await createTestDatabase('projections');
  dataSource = await new DataSource(dataSourceOptions(db.url, { entities: [TimelineEntry] })).initialize();
  store = new PostgresEventStore({ pool: { connectionString: db.url }, idlePollMs: 200 });
});
/** Each runner a replica of its own: with its own lock connection, as each worker process has. */
const lockConnections: ProjectionLocks[] = [];
const replicaLocks = () => {
  const locks = new ProjectionLocks(db.url);
  lockConnections.push(locks);
  return locks;
};

afterAll(async () => {
  await Promise.all(lockConnections.map((locks) => locks.close()));
  await store?.close();
  await dataSource?.destroy();
  await db?.drop();
});

async function appendEvents(count: number): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    await store.append(
      `case-${i % 7}`,
      Array.from({ length: Math.min(10, count - i) }, (_, k) => ({
        eventId: randomUUID(),
        type: 'StepLogged',
        data: { n: i + k },
        metadata: { actorId: `user-${(i + k) % 3}`, actorRole: 'mediator' },
      })),
    );
  }
}

const rowCount = async () => Number((await dataSource.query(`SELECT count(*) AS n FROM timeline_entries`))[0].n);
const snapshot = () =>
  dataSource.query(`SELECT event_id, stream_id, stream_version, type, actor_id, global_position
                      FROM timeline_entries ORDER BY stream_id, stream_version`);

async function eventually(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function runner(batchSize = 100, locks = replicaLocks()): ProjectionRunner {
  return new ProjectionRunner(projection, store, new CheckpointStore(dataSource), locks, {
    batchSize,
    standbyRetryMs: 100,
  });
}

it('one replica projects while another stands by, and the standby takes over when it stops', async () => {
  await appendEvents(1000);
  const first = runner();
  const standbyLocks = replicaLocks();
  let refused = 0;
  const tryLock = standbyLocks.tryLock.bind(standbyLocks);
  standbyLocks.tryLock = async (...args) => {
    const taken = await tryLock(...args);
    if (!taken) refused++;
    return taken;
  };
  const second = runner(100, standbyLocks);
  first.start();
  await eventually(async () => (await rowCount()) === 1000, 'the first replica to catch up');
  second.start();
  await eventually(async () => refused > 0, 'the second replica to find the lock taken and stand by');

  await first.stop(); // releases the lock: the standby takes over and follows new events
  await appendEvents(500);
  await eventually(async () => (await rowCount()) === 1500, 'the standby to take over');
  await second.stop();

  const rows = await snapshot();
  expect(new Set(rows.map((r: { event_id: string }) => r.event_id)).size).toBe(1500);
  const checkpoint = await dataSource.query(`SELECT events_applied FROM projection_checkpoints WHERE name = 'timeline'`);
  expect(Number(checkpoint[0].events_applied)).toBe(1500);
});

it('a rebuild while a replica runs leaves the same read model', async () => {
  const before = await snapshot();
  const active = runner(37);
  active.start();
  await eventually(async () => (await rowCount()) === before.length, 'the replica to be caught up');

  await new CheckpointStore(dataSource).reset(projection);
  await eventually(async () => (await rowCount()) === before.length, 'the replica to replay after the reset');
  await active.stop();
  expect(await snapshot()).toEqual(before);
});

it('a rebuild that resets the checkpoint while a fresh replica is still catching up is replayed, not lost', async () => {
  const before = await snapshot();
  // The replica's first read of the log (its checkpoint already read) waits until the reset has been made and announced.
  let open!: () => void;
  let reading!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (reading = resolve));
  const gated: PostgresEventStore = Object.create(store);
  gated.readAll = async (options) => {
    reading();
    await gate;
    return store.readAll(options);
  };
  const locks = replicaLocks();
  let resetsHeard = 0;
  const tryLock = locks.tryLock.bind(locks);
  locks.tryLock = (name, holder) =>
    tryLock(name, {
      ...holder,
      onReset: () => {
        resetsHeard++;
        holder.onReset();
      },
    });
  const fresh = new ProjectionRunner(projection, gated, new CheckpointStore(dataSource), locks, { batchSize: 100, standbyRetryMs: 100 });
  fresh.start();
  await reached;
  await new CheckpointStore(dataSource).reset(projection);
  await eventually(async () => resetsHeard > 0, "the reset's notification to reach the replica");
  open();
  await eventually(async () => (await rowCount()) === before.length, 'the replica to replay after the reset');
  await fresh.stop();
  expect(await snapshot()).toEqual(before);
});

it('takes its lock again on a new connection when the lock connection dies, and goes on projecting', async () => {
  const before = await rowCount();
  const active = runner();
  active.start();
  const lockHolder = async () =>
    (await dataSource.query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)) as { pid: number }[];
  await eventually(async () => (await lockHolder()).length === 1, 'the replica to take its lock');
  const [{ pid }] = await lockHolder();
  await dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
  await eventually(async () => (await lockHolder()).some((holder) => holder.pid !== pid), 'the lock taken again on another connection');
  await appendEvents(50);
  await eventually(async () => (await rowCount()) === before + 50, 'the replica to project what came after');
  await active.stop();
});

it('replays from the start into an emptied read model', async () => {
  const before = await snapshot();
  const checkpoints = new CheckpointStore(dataSource);
  await checkpoints.reset(projection);
  expect(await rowCount()).toBe(0);
  expect(await replay(projection, store, checkpoints, 64)).toBe(before.length);
  expect(await snapshot()).toEqual(before);
});

it('refuses a batch when the checkpoint moved under it, applying nothing', async () => {
  const checkpoints = new CheckpointStore(dataSource);
  const rows = await rowCount();
  const stale = undefined; // the checkpoint is far past the start by now
  const [event] = await store.readAll({ maxCount: 1 });
  const before = await checkpoints.read(projection.name);
  await expect(checkpoints.apply(projection, stale, [event])).rejects.toThrow(/checkpoint of timeline moved/);
  expect(await rowCount()).toBe(rows);
  expect(await checkpoints.read(projection.name)).toBe(before);
});

it("commits a batch without waiting for the WAL flush, and leaves the connection's setting as it was", async () => {
  const checkpoints = new CheckpointStore(dataSource);
  const seen: string[] = [];
  const probe = {
    name: `probe-${randomUUID().slice(0, 8)}`,
    filter: {},
    tables: [],
    async apply(_events: unknown[], tx: { query(sql: string): Promise<Array<{ synchronous_commit: string }>> }) {
      seen.push((await tx.query(`SHOW synchronous_commit`))[0].synchronous_commit);
    },
  } as unknown as TimelineProjection;
  const setting = async () => ((await dataSource.query(`SHOW synchronous_commit`)) as Array<{ synchronous_commit: string }>)[0].synchronous_commit;
  const server = await setting();
  const position = await checkpoints.read(probe.name);
  const [event] = await store.readAll({ maxCount: 1 });
  await checkpoints.apply(probe, position, [event]);
  expect(seen).toEqual(['off']);
  // Local to the batch's transaction: the next statement on any connection of the pool has the server's setting.
  expect(await Promise.all(Array.from({ length: 4 }, setting))).toEqual([server, server, server, server]);
});

describe('live batches of several projections due together', () => {
  const applied: Array<{ name: string; transaction: string }> = [];
  /** A projection that records the transaction each of its batches is applied in, and fails while told to. */
  const probe = (failing = { now: false }) =>
    ({
      name: `probe-${randomUUID().slice(0, 8)}`,
      filter: {},
      tables: [],
      async apply(this: { name: string }, _events: unknown[], tx: { query(sql: string): Promise<Array<{ id: string }>> }) {
        applied.push({ name: this.name, transaction: (await tx.query(`SELECT pg_current_xact_id()::text AS id`))[0].id });
        if (failing.now) throw new Error(`${this.name} cannot apply this batch`);
      },
    }) as unknown as TimelineProjection;
  const transactionsOf = (...projections: TimelineProjection[]) =>
    projections.map((p) => applied.filter((a) => a.name === p.name).map((a) => a.transaction));

  beforeEach(() => {
    applied.length = 0;
  });

  it('go in one transaction, each checkpoint moved', async () => {
    const checkpoints = new CheckpointStore(dataSource);
    const [a, b, c] = [probe(), probe(), probe()];
    const events = await store.readAll({ maxCount: 3 });
    for (const p of [a, b, c]) await checkpoints.read(p.name);
    const answers = await Promise.all([a, b, c].map((p) => checkpoints.applyLive(p, undefined, events)));
    expect(answers).toEqual([1, 2, 3].map(() => events[2].globalPosition));
    const [[ta], [tb], [tc]] = transactionsOf(a, b, c);
    expect(new Set([ta, tb, tc]).size).toBe(1);
    for (const p of [a, b, c]) expect(await checkpoints.read(p.name)).toBe(events[2].globalPosition);
  });

  it('go each alone when one of them fails: only that one is refused', async () => {
    const checkpoints = new CheckpointStore(dataSource);
    const failing = { now: true };
    const [a, broken, b] = [probe(), probe(failing), probe()];
    const events = await store.readAll({ maxCount: 2 });
    for (const p of [a, broken, b]) await checkpoints.read(p.name);
    const answers = await Promise.allSettled([a, broken, b].map((p) => checkpoints.applyLive(p, undefined, events)));
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason).toEqual(new Error(`${broken.name} cannot apply this batch`));
    // Tried together first (the third never reached: the transaction had failed), then each in a transaction of its own.
    const [inA, inBroken, inB] = transactionsOf(a, broken, b);
    expect([inA.length, inBroken.length, inB.length]).toEqual([2, 2, 1]);
    expect(inA[0]).toBe(inBroken[0]);
    expect(new Set([inA[0], inA[1], inBroken[1], inB[0]]).size).toBe(4);
    expect(await checkpoints.read(a.name)).toBe(events[1].globalPosition);
    expect(await checkpoints.read(broken.name)).toBeUndefined();
    expect(await checkpoints.read(b.name)).toBe(events[1].globalPosition);
  });

  it('apply a projection once when two of its batches come due together from the same checkpoint', async () => {
    const checkpoints = new CheckpointStore(dataSource);
    const [a, b] = [probe(), probe()];
    const events = await store.readAll({ maxCount: 2 });
    for (const p of [a, b]) await checkpoints.read(p.name);
    const answers = await Promise.allSettled([a, a, b].map((p) => checkpoints.applyLive(p, undefined, events)));
    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(transactionsOf(a, b).map((t) => t.length)).toEqual([1, 1]);
    expect(await checkpoints.read(a.name)).toBe(events[1].globalPosition);
  });

  it('refuse the one whose checkpoint moved under it, applying the others together', async () => {
    const checkpoints = new CheckpointStore(dataSource);
    const [a, moved, b] = [probe(), probe(), probe()];
    const events = await store.readAll({ maxCount: 2 });
    for (const p of [a, moved, b]) await checkpoints.read(p.name);
    await checkpoints.apply(moved, undefined, [events[0]]); // another replica, say
    applied.length = 0;
    const answers = await Promise.allSettled([a, moved, b].map((p) => checkpoints.applyLive(p, undefined, events)));
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((answers[1] as PromiseRejectedResult).reason)).toMatch(/checkpoint of probe-\w+ moved/);
    const [inA, inMoved, inB] = transactionsOf(a, moved, b);
    expect([inA.length, inMoved.length, inB.length]).toEqual([1, 0, 1]);
    expect(inA[0]).toBe(inB[0]);
    expect(await checkpoints.read(moved.name)).toBe(events[0].globalPosition);
  });
});

it('an idle runner stores how far it has read past the events its projection does not read', async () => {
  // The log has no index of types (migration 1765700000300): a filtered read from the checkpoint
  // walks every event after it, so the checkpoint of a projection that wants few events moves on.
  const rare = Object.assign(Object.create(projection), { name: 'timeline-rare', filter: { eventTypes: ['RareNoted'] } }) as TimelineProjection;
  const rareEvent = (n: number) => ({ eventId: randomUUID(), type: 'RareNoted', data: { n }, metadata: { actorId: 'user-1', actorRole: 'mediator' } });
  const stored = async (): Promise<{ position: string | null; events_applied: string; updated_at: Date } | undefined> =>
    (await dataSource.query(`SELECT position, events_applied, updated_at FROM projection_checkpoints WHERE name = 'timeline-rare'`))[0];
  const rareRows = async () => Number((await dataSource.query(`SELECT count(*) AS n FROM timeline_entries WHERE type = 'RareNoted'`))[0].n);
  await store.append('rare-1', [rareEvent(1)]);
  const active = new ProjectionRunner(rare, store, new CheckpointStore(dataSource), replicaLocks(), { batchSize: 100, standbyRetryMs: 100, advanceEveryMs: 100 });
  active.start();
  try {
    await eventually(async () => (await rareRows()) === 1, 'the rare event to be applied');
    const applied = await stored();
    await appendEvents(300);
    const pastEverything = async () => (await store.readAll({ fromPosition: (await stored())?.position ?? undefined, maxCount: 1 })).length === 0;
    await eventually(pastEverything, 'the checkpoint to move past the 300 events the projection does not read');
    const advanced = await stored();
    // Moved on without applying anything: the read model's own stamps stay as they were.
    expect(advanced!.events_applied).toBe(applied!.events_applied);
    expect(advanced!.updated_at).toEqual(applied!.updated_at);

    // The next event it wants is applied once, from the position it moved on to.
    await store.append('rare-2', [rareEvent(2)]);
    await eventually(async () => (await rareRows()) === 2, 'the next rare event to be applied');
    expect(Number((await stored())!.events_applied)).toBe(2);
  } finally {
    await active.stop();
  }
});
