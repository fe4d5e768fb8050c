import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { CLOCKS_QUEUE, ClockJob, ClockJobs, ClockScheduler, DEADLINE_REACHED, deriveClocks } from '@lc/clocks';
import { shanghaiDate } from '@lc/decider';
import { freePort } from './support/built-app';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';
import { openDisputeBody, referralBody } from './support/bodies';

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

/**
 * New-user walkthrough, item 1: a case typed in on 2 December 2026, opened on 10 November, with a
 * negotiation session on 12 November (the 15 days end on 27 November, already past: the clocks note
 * DeadlineReached at once), resolved on 15 November. It met its deadline: the overdue notice goes,
 * and once reopened on 25 November its 15 days run afresh from then, not on the old deadline.
 */
it('a back-dated case resolved before its deadline was never overdue, and reopened runs 15 days from the reopening', async () => {
  app.clock.set(new Date('2026-12-02T02:00:00Z')); // 10:00 on 2 December in Shenzhen
  const mediator = await app.user('mediator', 'pinghu');
  const supervisor = await app.user('supervisor', 'pinghu');
  const as = (token: string) => ({
    get: (path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token)),
    post: (path: string, body: object) => app.http().post(`/api/v1${path}`).set(...bearer(token)).send(body),
  });
  const me = as(mediator.token);
  const opened = await me.post('/disputes', openDisputeBody({ openedOn: '2026-11-10' })).expect(201);
  const id = opened.body.id as string;
  const stream = `dispute-${id}`;
  await me.post(`/disputes/${id}/steps`, { kind: 'negotiation_session', note: '三方协商', occurredAt: '2026-11-12T10:00:00+08:00' }).expect(200);

  // What the walkthrough saw: the clocks noted the past deadline right away, and told the mediator.
  await eventually(async () => (await deadlinesIn(stream)).length > 0, 'the deadline of 27 November to be noted');
  expect((await deadlinesIn(stream))[0].data).toMatchObject({ clock: 'dispute_mediation', lastDay: '2026-11-27' });
  const overdueNotices = async () => {
    await app.settled();
    const body = (await me.get('/notifications?kind=clock_overdue').expect(200)).body;
    return body.items.filter((n: { subject: { id: string } }) => n.subject.id === id);
  };
  await eventually(async () => (await overdueNotices()).length === 1, 'the clock_overdue notice');

  await me.post(`/disputes/${id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-11-15' }).expect(200);
  await app.settled();
  // The deadline's DeadlineReached stays on the stream, as what the system saw; the notice is withdrawn.
  expect(await deadlinesIn(stream)).toHaveLength(1);
  expect(await overdueNotices()).toEqual([]);
  expect((await me.get('/notifications/unread-count').expect(200)).body.unread).toBe(0);
  expect((await me.get('/clocks?mediatorId=me').expect(200)).body.items).toEqual([]);

  // Reopening is a supervisor's.
  await as(supervisor.token).post(`/disputes/${id}/reopen`, { reason: '企业未按协议履行', reopenedOn: '2026-11-25' }).expect(200);
  await app.settled();
  const clocks = (await me.get('/clocks?mediatorId=me').expect(200)).body.items;
  expect(clocks).toHaveLength(1);
  // 15 days from 25 November: the last day is 10 December, 8 days and 14 hours away.
  expect(clocks[0]).toMatchObject({ kind: 'dispute_mediation', subject: { id }, startedOn: '2026-11-25', lastDay: '2026-12-10', overdue: false, daysLeft: 9 });
  expect((await me.get('/clocks?mediatorId=me&status=overdue').expect(200)).body.items).toEqual([]);
  const work = (await me.get('/me/work').expect(200)).body;
  expect(work.items.find((i: { id: string }) => i.id === id)).toMatchObject({
    urgency: 'running',
    nextClock: { kind: 'dispute_mediation', lastDay: '2026-12-10', overdue: false },
  });
  expect(work.counts.overdue).toBe(0);
  const mediators = (await as(supervisor.token).get('/mediators').expect(200)).body.items;
  expect(mediators.find((m: { id: string }) => m.id === mediator.id).workload).toMatchObject({ clocksOverdue: 0 });
  expect(await overdueNotices()).toEqual([]);
  // The new deadline's job is waiting for 10 December, not fired.
  const [clock] = deriveClocks(stream, await app.store.readStream(stream));
  await eventually(() => queue().getJob(ClockScheduler.jobId(clock.clockId, 'deadline', clock.deadlineAt)), 'the new deadline job');
  expect(await deadlinesIn(stream)).toHaveLength(1);
});

it('a back-dated mediation agreed within its 30 days, and applied for confirmation within 30 more, keeps no overdue notice', async () => {
  app.clock.set(new Date('2026-12-02T02:00:00Z'));
  const mediator = await app.user('mediator', 'buji');
  const get = (path: string) => app.http().get(`/api/v1${path}`).set(...bearer(mediator.token));
  const post = (path: string, body: object) => app.http().post(`/api/v1${path}`).set(...bearer(mediator.token)).send(body);
  // Referred on 1 October, typed in on 2 December: the 30 days ended on 31 October.
  const referred = await post('/mediations', referralBody({ referredOn: '2026-10-01', subDistrict: 'buji' })).expect(201);
  const id = referred.body.id as string;
  const stream = `mediation-${id}`;
  const notices = async () => {
    await app.settled();
    return (await get('/notifications?kind=clock_overdue').expect(200)).body.items.filter((n: { subject: { id: string } }) => n.subject.id === id);
  };
  await eventually(async () => (await notices()).length === 1, 'the mediation period’s clock_overdue');

  // Agreed on 20 October: the period was met; the confirmation window (to 19 November) is past, noted at once.
  await post(`/mediations/${id}/agreement`, { amountFen: 500_000, agreedOn: '2026-10-20', paymentTerms: '一次性支付' }).expect(200);
  await eventually(async () => (await deadlinesIn(stream)).some((e) => e.data.clock === 'judicial_confirmation'), 'the confirmation window noted');
  await eventually(async () => {
    const left = await notices();
    return left.length === 1 && left[0].params.clock === 'judicial_confirmation';
  }, 'only the confirmation window’s notice');

  // Applied for on 18 November: within the window.
  await post(`/mediations/${id}/judicial-confirmation`, { status: 'applied', on: '2026-11-18' }).expect(200);
  expect(await notices()).toEqual([]);
  expect((await get('/clocks?mediatorId=me').expect(200)).body.items).toEqual([]);
  expect((await deadlinesIn(stream)).map((e) => e.data.clock).sort()).toEqual(['judicial_confirmation', 'mediation_period']);
});
