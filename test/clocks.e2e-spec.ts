import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { CLOCKS_QUEUE, ClockJob, ClockJobs, ClockScheduler, DEADLINE_REACHED, deriveClocks } from '@lc/clocks';
import { shanghaiDate } from '@lc/decider';
import { freePort } from './support/built-app';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The statutory clocks on the real BullMQ. Redis is a server of this test's own, so that its
 * FLUSHALL empties nothing that other test files use.
 */
let redisServer: ChildProcess;
let redisUrl: string;
let app: TestApp;
let admin: string;

beforeAll(async () => {
  const port = await freePort();
  redisUrl = `redis://127.0.0.1:${port}`;
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; ; i++) {
    const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') break;
    } catch {
      if (i > 100) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
  app = await startTestApp('clocks', { now: new Date('2026-03-01T02:00:00Z'), env: { REDIS_URL: redisUrl } });
  admin = await app.login(ADMIN.username, ADMIN.password);
});

afterAll(async () => {
  await app?.close();
  redisServer?.kill();
});

/** A court referral as the mediation context records it. */
async function refer(referredOn = '2026-03-01'): Promise<string> {
  const mediationId = randomUUID();
  await app.store.append(`mediation-${mediationId}`, [
    {
      eventId: randomUUID(),
      type: 'MediationReferred',
      data: {
        mediationId,
        court: '深圳市龙岗区人民法院',
        courtCaseNo: `(2026)粤0307民诉前调${Math.floor(Math.random() * 10000)}号`,
        referredOn,
        subDistrict: 'buji',
        category: 'wage_arrears',
        employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
        workers: [{ name: '张三' }],
        claimAmountFen: 1_000_000,
      },
      metadata: { actorId: 'test', actorRole: 'mediator' },
    },
  ]);
  return mediationId;
}

const queue = () => app.worker.get<Queue<ClockJob>>(getQueueToken(CLOCKS_QUEUE));

async function deadlineJobId(mediationId: string): Promise<string> {
  const [period] = deriveClocks(`mediation-${mediationId}`, await app.store.readStream(`mediation-${mediationId}`));
  return ClockScheduler.jobId(period.clockId, 'deadline', period.deadlineAt);
}

async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deadlinesIn = async (stream: string) => (await app.store.readStream(stream)).filter((e) => e.type === DEADLINE_REACHED);

it('past day 30 of an unfinished mediation, exactly one DeadlineReached, even when the job runs twice', async () => {
  const id = await refer('2026-03-01');
  const stream = `mediation-${id}`;
  await app.settled();
  // Jobs are scheduled just after the projection commits.
  await eventually(async () => queue().getJob(await deadlineJobId(id)), 'the deadline job to be scheduled');

  const listed = await app.http().get('/api/v1/clocks').set(...bearer(admin)).expect(200);
  const clock = listed.body.items.find((c: { subject: { id: string } }) => c.subject.id === id);
  expect(clock).toMatchObject({ kind: 'mediation_period', lastDay: '2026-03-31', overdue: false, subDistrict: 'buji' });

  app.clock.set(new Date('2026-04-01T01:00:00Z')); // 09:00 on 1 April in Shenzhen: day 30 is over
  await app.worker.get(ClockScheduler).reconcileAll();
  await eventually(async () => (await deadlinesIn(stream)).length > 0, 'the deadline job to fire');

  // The same job delivered again, twice at once, and once more as a separate job.
  const [job] = await Promise.all([queue().getJob(await deadlineJobId(id))]);
  const jobs = app.worker.get(ClockJobs);
  const again = await Promise.all([jobs.fire(job!.data), jobs.fire(job!.data)]);
  expect(again).toEqual(['already_done', 'already_done']);
  await queue().add('deadline', job!.data, { jobId: `${job!.id}.redelivered` });
  await eventually(async () => (await queue().getJob(`${job!.id}.redelivered`))?.isCompleted(), 'the redelivered job');

  const reached = await deadlinesIn(stream);
  expect(reached).toHaveLength(1);
  expect(reached[0].data).toMatchObject({ clock: 'mediation_period', lastDay: '2026-03-31' });
  expect(reached[0].metadata).toMatchObject({ actorRole: 'system' });

  await app.settled();
  const overdue = await app.http().get('/api/v1/clocks?status=overdue').set(...bearer(admin)).expect(200);
  expect(overdue.body.items.map((c: { subject: { id: string } }) => c.subject.id)).toContain(id);
});

it('after FLUSHALL, a restarted worker gives every running clock its job again', async () => {
  // Deadlines still ahead of the (moved) clock: their jobs are waiting, not done.
  const today = shanghaiDate(app.clock.now());
  const ids = [await refer(today), await refer(today), await refer(today)];
  await app.settled();
  const jobIds = await Promise.all(ids.map(deadlineJobId));
  for (const jobId of jobIds) await eventually(() => queue().getJob(jobId), `job ${jobId} to be scheduled`);

  const redis = new Redis(redisUrl);
  await redis.flushall();
  redis.disconnect();
  for (const jobId of jobIds) expect(await queue().getJob(jobId)).toBeFalsy();

  await app.restartWorker();
  for (const jobId of jobIds) {
    await eventually(() => queue().getJob(jobId), `job ${jobId} to be scheduled again`);
  }
});

it('lists only the clocks of work assigned to a mediator, and refuses informants', async () => {
  const mediator = await app.user('mediator', 'buji');
  const listed = await app.http().get('/api/v1/clocks').set(...bearer(mediator.token)).expect(200);
  expect(listed.body.items).toEqual([]); // nothing is assigned to them
  const informant = await app.user('informant', 'buji');
  await app.http().get('/api/v1/clocks').set(...bearer(informant.token)).expect(403);
  await app.http().get('/api/v1/clocks?status=late').set(...bearer(admin)).expect(400);
});
