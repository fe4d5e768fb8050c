import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '@lc/event-store';
import { createTestDatabase, removeRedisKeys, TestDatabase } from '@lc/testing';
import { recordMeasurement } from './faults/measurements';
import { runBuiltApp, RunningApp } from './support/built-app';

/**
 * The worker is killed with SIGKILL while it projects; after a restart the read model must be
 * exactly what a rebuild from the event log produces: nothing lost, nothing applied twice.
 */
const TOTAL = 20_000;
let db: TestDatabase;
let sql: Client;

beforeAll(async () => {
  db = await createTestDatabase('crash');
  sql = new Client({ connectionString: db.url });
  await sql.connect();
  const store = new PostgresEventStore({ pool: { connectionString: db.url } });
  try {
    for (let i = 0; i < TOTAL; i += 40) {
      await store.append(
        `dispute-${i % 97}`,
        Array.from({ length: 40 }, (_, k) => ({
          eventId: randomUUID(),
          type: 'StepLogged',
          data: { n: i + k },
          metadata: { actorId: `mediator-${(i + k) % 5}`, actorRole: 'mediator' },
        })),
      );
    }
  } finally {
    await store.close();
  }
});

/** Each start of the service gets a queue prefix of its own under this file's. */
const QUEUE_PREFIX = `test-crash-${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  await sql?.end();
  await db?.drop();
  await removeRedisKeys(`${QUEUE_PREFIX}-*`).catch(() => undefined);
});

const env = () => ({
  DATABASE_URL: db.url,
  PROJECTION_BATCH_SIZE: '25',
  QUEUE_PREFIX: `${QUEUE_PREFIX}-${randomUUID().slice(0, 8)}`,
  LOG_LEVEL: 'warn',
});

async function applied(): Promise<number> {
  const { rows } = await sql.query(`SELECT events_applied FROM projection_checkpoints WHERE name = 'timeline'`);
  return rows.length ? Number(rows[0].events_applied) : 0;
}

async function rows(): Promise<number> {
  return Number((await sql.query(`SELECT count(*) AS n FROM timeline_entries`)).rows[0].n);
}

async function waitFor(check: () => Promise<boolean>, what: string, app?: RunningApp, ms = 5 * 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${app?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const snapshot = async () =>
  (
    await sql.query(`SELECT event_id, stream_id, stream_version, type, actor_id, actor_role, recorded_at, global_position
                       FROM timeline_entries ORDER BY global_position`)
  ).rows;

/**
 * Kills the worker with SIGKILL as soon as it has applied more than `after` events; returns what
 * it had, and how long the new process took from its start to applying past where the last one died.
 */
async function killWhenPast(after: number): Promise<{ atKill: number; resumedAfterMs: number }> {
  const started = Date.now();
  const from = await applied();
  const worker = runBuiltApp('worker', env());
  await waitFor(async () => (await applied()) > from, 'the worker to project again', worker);
  const resumedAfterMs = Date.now() - started;
  await waitFor(async () => (await applied()) > after, `the worker to project past ${after}`, worker);
  worker.child.kill('SIGKILL');
  await worker.exited;
  return { atKill: await applied(), resumedAfterMs };
}

it('a worker killed five times mid-projection resumes to the same read model a full rebuild gives', async () => {
  // Five deaths spread over the 20,000 events (past a sixth, two sixths...): every restart
  // resumes from the checkpoint its predecessor left.
  const atKills: number[] = [];
  const resumedAfterMs: number[] = [];
  for (let kill = 0; kill < 5; kill++) {
    const { atKill, resumedAfterMs: resumed } = await killWhenPast(Math.max(atKills[kill - 1] ?? 0, ((kill + 1) * TOTAL) / 6));
    atKills.push(atKill);
    resumedAfterMs.push(resumed);
    expect(await rows()).toBe(atKill); // the checkpoint and the read model moved together
  }
  expect(atKills[0]).toBeGreaterThan(0);
  expect(atKills[4]).toBeLessThan(TOTAL); // it really died in the middle, each time
  for (let i = 1; i < atKills.length; i++) expect(atKills[i]).toBeGreaterThan(atKills[i - 1]);

  const lastStarted = Date.now();
  const last = runBuiltApp('worker', env());
  await waitFor(async () => (await applied()) === TOTAL, 'the restarted worker to catch up', last);
  const caughtUpAfterMs = Date.now() - lastStarted;
  last.child.kill('SIGTERM');
  expect((await last.exited).code).toBe(0);

  const resumed = await snapshot();
  expect(resumed).toHaveLength(TOTAL);
  expect(new Set(resumed.map((r) => r.event_id)).size).toBe(TOTAL);

  const rebuild = runBuiltApp('worker', env(), ['rebuild', 'timeline']);
  const result = await rebuild.exited;
  expect({ code: result.code, output: result.code === 0 ? '' : rebuild.output() }).toEqual({ code: 0, output: '' });
  expect(await snapshot()).toEqual(resumed);

  recordMeasurement('worker-crash', {
    events: TOTAL,
    killedAtApplied: atKills,
    msFromRestartToProjectingAgain: resumedAfterMs,
    msFromLastRestartToCaughtUp: caughtUpAfterMs,
    recordsLost: TOTAL - new Set(resumed.map((r) => r.event_id)).size,
    recordsDoubled: resumed.length - new Set(resumed.map((r) => r.event_id)).size,
  });
}, 15 * 60_000); // seven worker starts and 20,000 events twice: minutes on a busy machine

it('two workers started at once apply every event once: one projects, the other stands by', async () => {
  // From an empty read model (as a rebuild starts), both racing for it from the first event.
  await sql.query(`TRUNCATE timeline_entries`);
  await sql.query(`UPDATE projection_checkpoints SET position = NULL, events_applied = 0 WHERE name = 'timeline'`);
  expect(await rows()).toBe(0);

  const workers = [runBuiltApp('worker', env()), runBuiltApp('worker', env())];
  await waitFor(async () => (await applied()) === TOTAL, 'the two workers to catch up', workers[0]);
  await Promise.all(workers.map(async (w) => {
    w.child.kill('SIGTERM');
    expect((await w.exited).code).toBe(0);
  }));

  const projected = await snapshot();
  expect(projected).toHaveLength(TOTAL);
  expect(new Set(projected.map((r) => r.event_id)).size).toBe(TOTAL);
  expect(await applied()).toBe(TOTAL);
}, 10 * 60_000);
