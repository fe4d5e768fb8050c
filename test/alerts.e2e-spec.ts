import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { alertIdForKey, DEFAULT_RISK_WEIGHTS, disputeIdForAlert } from '@lc/alerts';
import { CLOCKS_QUEUE, ClockJob, ClockScheduler, deriveClocks } from '@lc/clocks';
import { chinaTime } from '@lc/http';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

// 2026-03-10 10:00 in Shanghai.
const NOW = new Date('2026-03-10T02:00:00Z');
const HOUR = 3_600_000;

let app: TestApp;
let admin: string;
type User = { id: string; token: string };
let informant: User; // pinghu
let otherInformant: User; // pinghu
let bujiInformant: User; // buji
let mediator: User; // pinghu
let bujiMediator: User; // buji
let supervisor: User; // pinghu
let bujiSupervisor: User; // buji

beforeAll(async () => {
  app = await startTestApp('alerts', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  informant = await app.user('informant', 'pinghu');
  otherInformant = await app.user('informant', 'pinghu');
  bujiInformant = await app.user('informant', 'buji');
  mediator = await app.user('mediator', 'pinghu');
  bujiMediator = await app.user('mediator', 'buji');
  supervisor = await app.user('supervisor', 'pinghu');
  bujiSupervisor = await app.user('supervisor', 'buji');
});
afterAll(async () => {
  await app?.close();
});

const ENTERPRISE = { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' };

/** owner_unreachable 15 + wage_delay 8 + 40 workers 6 = 29 points under the default weights: red. */
const redAlert = (overrides: Record<string, unknown> = {}) => ({
  enterprise: ENTERPRISE,
  subDistrict: 'pinghu',
  signals: ['owner_unreachable', 'wage_delay'],
  workersAffected: 40,
  description: '老板已三天联系不上，2月工资未发，工人在厂门口聚集',
  observedAt: '2026-03-10T08:30:00+08:00',
  location: { lat: 22.6726, lng: 114.1253 },
  ...overrides,
});
/** wage_delay 8 + 12 workers 3 = 11: yellow. */
const yellowAlert = (overrides: Record<string, unknown> = {}) => redAlert({ signals: ['wage_delay'], workersAffected: 12, location: undefined, ...overrides });

const post = (token: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const req = app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers);
  return body === undefined ? req : req.send(body as object);
};
const put = (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.http().put(`/api/v1${path}`).set(...bearer(token)).set(headers).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

async function submit(body: object = redAlert(), who: User = informant, key: string = randomUUID()): Promise<string> {
  const res = await post(who.token, '/alerts', body, { 'Idempotency-Key': key });
  expect(res.status).toBe(201);
  return res.body.id;
}

const typesOf = async (stream: string) => (await app.store.readStream(stream)).map((e) => e.type);
const fields = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field).sort();

/**
 * A read model once it shows what is expected. settled() alone can answer a moment early (an append
 * that commits while an older transaction is open stays below the readers' horizon; see the
 * mediations e2e), so poll, and let the assertion after it show what was there if it never came.
 */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    await app.settled();
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Item = { id: string; version: number } & Record<string, unknown>;
const itemsOf = (res: { body: { items?: Item[] } }): Item[] => res.body.items ?? [];

/** The alert as the triage list shows it, once the list has applied every event of its stream. */
async function listedAlert(id: string, token = admin, query = ''): Promise<Item | undefined> {
  const stream = await app.store.readStream(`alert-${id}`);
  const version = stream.length ? stream[stream.length - 1].streamVersion : 0;
  const find = async () => itemsOf(await get(token, `/alerts?pageSize=200${query}`)).find((a) => a.id === id);
  return until(find, (item) => item !== undefined && item.version >= version);
}

/** A notification about this alert, of this kind, as a supervisor lists them. */
async function notices(id: string, kind: string, token = supervisor.token, expected = 1) {
  type Notice = Item & { subject: { id: string }; title: { zh: string; en: string } };
  const read = async () => (itemsOf(await get(token, `/notifications?kind=${kind}&pageSize=200`)) as Notice[]).filter((n) => n.subject.id === id);
  return until(read, (found) => found.length >= expected);
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

describe('submission from a phone on a bad network', () => {
  it('makes one alert, with one set of events, of the same alert sent five times with one key', async () => {
    const key = randomUUID();
    const body = redAlert();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await post(informant.token, '/alerts', body, { 'Idempotency-Key': key }));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const id = answers[0].body.id;
    expect(id).toBe(alertIdForKey(`${informant.id}:${key}`));
    for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
    expect(answers[0].body).toEqual({ id, version: 2, status: 'submitted', grade: 'red', pickupDeadlineAt: '2026-03-10T12:00:00.000+08:00' });
    expect(await typesOf(`alert-${id}`)).toEqual(['AlertSubmitted', 'AlertGraded']);

    // Resent at the same moment, and once more after the first answer's record was lost: still one alert.
    const racing = await Promise.all([1, 2, 3].map(() => post(informant.token, '/alerts', body, { 'Idempotency-Key': key })));
    for (const r of racing) expect([201, 409]).toContain(r.status);
    await app.api.get(DataSource).query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
    const afterLoss = await post(informant.token, '/alerts', body, { 'Idempotency-Key': key });
    expect(afterLoss.status).toBe(201);
    expect(afterLoss.body.id).toBe(id);
    expect(await typesOf(`alert-${id}`)).toEqual(['AlertSubmitted', 'AlertGraded']);

    const mine = await until(
      () => get(informant.token, '/alerts/mine'),
      (res) => itemsOf(res).some((a) => a.id === id),
    );
    expect(itemsOf(mine).filter((a) => a.id === id)).toHaveLength(1);
  });

  it('requires an Idempotency-Key, naming it', async () => {
    const res = await post(informant.token, '/alerts', redAlert());
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(fields(res)).toEqual(['Idempotency-Key']);
  });

  it('lets informants report only in their own sub-district, and only informants report', async () => {
    const res = await post(bujiInformant.token, '/alerts', redAlert(), { 'Idempotency-Key': randomUUID() });
    expect(res.status).toBe(403);
    expect(fields(res)).toEqual(['subDistrict']);
    expect((await post(mediator.token, '/alerts', redAlert(), { 'Idempotency-Key': randomUUID() })).status).toBe(403);
  });

  it('validates the report, naming every bad field', async () => {
    const res = await post(
      informant.token,
      '/alerts',
      redAlert({
        enterprise: { name: '某公司', creditCode: '91440300708461136U' },
        signals: ['wage_delay', 'bonus_cut'],
        workersAffected: 0,
        observedAt: '2026-03-10 08:30',
        description: ' ',
      }),
      { 'Idempotency-Key': randomUUID() },
    );
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['description', 'enterprise.creditCode', 'observedAt', 'signals.1', 'workersAffected']);
    const future = await post(informant.token, '/alerts', redAlert({ observedAt: '2026-03-10T12:00:00+08:00' }), { 'Idempotency-Key': randomUUID() });
    expect(future.status).toBe(422);
    expect(fields(future)).toEqual(['observedAt']);
  });
});

describe('grading', () => {
  it('grades red above 20 points, storing the points and what made them', async () => {
    const id = await submit();
    const alert = await get(mediator.token, `/alerts/${id}`);
    expect(alert.status).toBe(200);
    expect(alert.headers.etag).toBe('"2"');
    expect(alert.body).toMatchObject({
      id,
      status: 'submitted',
      informantId: informant.id,
      grade: 'red',
      points: 29,
      breakdown: [
        { factor: 'signal:wage_delay', points: 8 },
        { factor: 'signal:owner_unreachable', points: 15 },
        { factor: 'workers:30+', points: 6 },
      ],
      weightsVersion: 1,
      pickupDeadlineAt: '2026-03-10T12:00:00.000+08:00',
      location: { lat: 22.6726, lng: 114.1253 },
      version: 2,
    });
    const [graded] = (await app.store.readStream(`alert-${id}`)).filter((e) => e.type === 'AlertGraded');
    expect(graded.data).toMatchObject({ grade: 'red', points: 29, weightsVersion: 1 });
  });

  it('grades yellow from 10 to 20 points and green below 10, green without a pick-up deadline', async () => {
    const yellow = await submit(yellowAlert());
    const green = await submit(yellowAlert({ signals: ['orders_collapse'], workersAffected: 3 }));
    expect((await get(mediator.token, `/alerts/${yellow}`)).body).toMatchObject({ grade: 'yellow', points: 11, pickupDeadlineAt: '2026-03-11T10:00:00.000+08:00' });
    expect((await get(mediator.token, `/alerts/${green}`)).body).toMatchObject({ grade: 'green', points: 5, pickupDeadlineAt: null });
    expect(await listedAlert(green)).toMatchObject({ grade: 'green', points: 5 });
    const greens = await get(mediator.token, '/alerts?grade=green&pageSize=200');
    expect(itemsOf(greens).map((a) => a.id)).toContain(green);
    expect(new Set(itemsOf(greens).map((a) => a.grade))).toEqual(new Set(['green']));
  });

  it('keeps the grade of an alert when the weights change afterwards', async () => {
    const before = await submit(yellowAlert());
    const weights = await get(supervisor.token, '/reference/risk-weights');
    expect(weights.status).toBe(200);
    expect(weights.body).toMatchObject({ version: 1, signals: DEFAULT_RISK_WEIGHTS.signals, grading: { redAbove: 20, greenBelow: 10 } });
    expect(weights.headers.etag).toBe('"1"');

    const heavier = { signals: { ...DEFAULT_RISK_WEIGHTS.signals, wage_delay: 25 }, workersBands: DEFAULT_RISK_WEIGHTS.workersBands };
    expect((await put(supervisor.token, '/reference/risk-weights', heavier)).status).toBe(403);
    expect((await put(admin, '/reference/risk-weights', heavier, { 'If-Match': '"7"' })).status).toBe(412);
    const bad = await put(admin, '/reference/risk-weights', { ...heavier, workersBands: [{ min: 10, points: 1 }] });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['workersBands.0.min']);
    const changed = await put(admin, '/reference/risk-weights', heavier, { 'If-Match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, signals: { wage_delay: 25 } });
    expect(changed.headers.etag).toBe('"2"');

    try {
      const after = await submit(yellowAlert());
      expect((await get(mediator.token, `/alerts/${after}`)).body).toMatchObject({ grade: 'red', points: 28, weightsVersion: 2 });
      // The alert graded before keeps its grade, points and weights.
      expect((await get(mediator.token, `/alerts/${before}`)).body).toMatchObject({ grade: 'yellow', points: 11, weightsVersion: 1 });
      expect(await listedAlert(before, mediator.token)).toMatchObject({ grade: 'yellow', points: 11 });
    } finally {
      const restored = await put(admin, '/reference/risk-weights', { signals: DEFAULT_RISK_WEIGHTS.signals, workersBands: DEFAULT_RISK_WEIGHTS.workersBands });
      expect(restored.body).toMatchObject({ version: 3, signals: { wage_delay: 8 } });
    }
  });
});

describe('routing to the mediators', () => {
  it('tells the mediators of the alert’s sub-district of a red or yellow alert, not another sub-district’s, and of a green one nobody', async () => {
    const routedIds = async (token: string) =>
      (itemsOf(await get(token, '/notifications?kind=alert_routed&pageSize=200')) as Array<Item & { subject: { id: string } }>).map((n) => n.subject.id);
    const green = await submit(yellowAlert({ signals: ['orders_collapse'], workersAffected: 3 }));
    const red = await submit();
    const yellow = await submit(yellowAlert());
    const bujiYellow = await submit(yellowAlert({ subDistrict: 'buji' }), bujiInformant);

    const [redNotice] = await notices(red, 'alert_routed', mediator.token);
    expect(redNotice).toMatchObject({
      kind: 'alert_routed',
      audience: { role: 'mediator', subDistrict: 'pinghu', accountId: null },
      subject: { stream: `alert-${red}`, id: red },
      params: { alertId: red, grade: 'red', points: 29, workersAffected: 40, enterpriseName: ENTERPRISE.name, pickupDeadlineAt: '2026-03-10T12:00:00.000+08:00' },
      read: false,
    });
    expect(redNotice.title.zh).toContain('红色预警');
    expect(redNotice.title.zh).toContain('12:00'); // the pick-up deadline, Shanghai time
    expect(redNotice.title.en).toContain('40 workers affected');
    const [yellowNotice] = await notices(yellow, 'alert_routed', mediator.token);
    expect(yellowNotice).toMatchObject({ params: { grade: 'yellow' }, audience: { role: 'mediator', subDistrict: 'pinghu' } });
    const [bujiNotice] = await notices(bujiYellow, 'alert_routed', bujiMediator.token);
    expect(bujiNotice).toMatchObject({ audience: { role: 'mediator', subDistrict: 'buji' } });

    // The notices were written in the order of the log: the green alert, graded first, has had its turn.
    const pinghu = await routedIds(mediator.token);
    expect(pinghu).toEqual(expect.arrayContaining([red, yellow]));
    expect(pinghu).not.toContain(bujiYellow);
    expect(pinghu).not.toContain(green);
    const buji = await routedIds(bujiMediator.token);
    expect(buji).toContain(bujiYellow);
    expect(buji).not.toContain(red);
    expect(buji).not.toContain(yellow);
    expect(buji).not.toContain(green);
    // For the mediators who pick alerts up: supervisors hear of red alerts by red_alert instead.
    expect(await routedIds(supervisor.token)).toEqual([]);
    await app.settled();
    const anyone = await app.api.get(DataSource).query(`SELECT kind FROM notifications WHERE subject_id = $1`, [green]);
    expect(anyone).toEqual([]);
  });
});

describe('triage', () => {
  it('acknowledges, verifies and dismisses, once each, with If-Match', async () => {
    const id = await submit();
    expect((await post(mediator.token, `/alerts/${id}/acknowledgement`, {}, { 'If-Match': '"1"' })).status).toBe(412);
    const acknowledged = await post(mediator.token, `/alerts/${id}/acknowledgement`, undefined, { 'If-Match': '"2"' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toEqual({ id, version: 3 });
    expect(acknowledged.headers.etag).toBe('"3"');
    expect((await post(mediator.token, `/alerts/${id}/acknowledgement`, {})).status).toBe(422);

    expect((await post(mediator.token, `/alerts/${id}/verification`, { note: '现场走访属实' })).status).toBe(200);
    expect((await post(mediator.token, `/alerts/${id}/verification`, {})).status).toBe(422);
    const noReason = await post(mediator.token, `/alerts/${id}/dismissal`, {});
    expect(noReason.status).toBe(400);
    expect(fields(noReason)).toEqual(['reason']);
    expect((await post(supervisor.token, `/alerts/${id}/dismissal`, { reason: '企业已补发工资' })).status).toBe(200);
    expect((await post(mediator.token, `/alerts/${id}/conversion`, {})).status).toBe(422);

    const detail = await get(mediator.token, `/alerts/${id}`);
    expect(detail.body).toMatchObject({
      status: 'dismissed',
      acknowledgedBy: mediator.id,
      acknowledgedAt: chinaTime(NOW),
      verificationNote: '现场走访属实',
      dismissalReason: '企业已补发工资',
      version: 5,
    });
    expect(await typesOf(`alert-${id}`)).toEqual(['AlertSubmitted', 'AlertGraded', 'AlertAcknowledged', 'AlertVerified', 'AlertDismissed']);
    expect(await listedAlert(id, mediator.token, '&status=dismissed')).toMatchObject({ status: 'dismissed', acknowledgedBy: mediator.id, version: 5 });
  });

  it('escalates by hand once, notifying the supervisors of the alert\'s sub-district', async () => {
    const id = await submit(yellowAlert());
    const escalated = await post(mediator.token, `/alerts/${id}/escalation`, { note: '涉及人数可能增加' });
    expect(escalated.status).toBe(200);
    expect((await post(mediator.token, `/alerts/${id}/escalation`)).status).toBe(422);
    const [notified] = await notices(id, 'alert_escalated');
    expect(notified).toMatchObject({
      kind: 'alert_escalated',
      audience: { role: 'supervisor', subDistrict: 'pinghu' },
      subject: { stream: `alert-${id}`, id },
      params: { reason: 'manual', grade: 'yellow', enterpriseName: ENTERPRISE.name },
    });
    const elsewhere = await get(bujiSupervisor.token, '/notifications?kind=alert_escalated&pageSize=200');
    expect(elsewhere.body.items.map((n: { subject: { id: string } }) => n.subject.id)).not.toContain(id);
  });

  it('tells supervisors of a red alert at once', async () => {
    const id = await submit();
    const [notice] = await notices(id, 'red_alert');
    expect(notice).toMatchObject({ params: { grade: 'red', points: 29, workersAffected: 40 } });
    expect(notice.title.zh).toContain('红色预警');
    expect(notice.title.zh).toContain('12:00'); // the pick-up deadline, Shanghai time
  });

  it('keeps alerts to the triage desk of their scope', async () => {
    const id = await submit();
    expect((await get(bujiMediator.token, `/alerts/${id}`)).status).toBe(404);
    expect((await post(bujiMediator.token, `/alerts/${id}/acknowledgement`, {})).status).toBe(404);
    expect((await post(bujiSupervisor.token, `/alerts/${id}/conversion`, {})).status).toBe(404);
    expect(await listedAlert(id)).toBeDefined();
    const listed = await get(bujiMediator.token, '/alerts?pageSize=200');
    expect(itemsOf(listed).map((a) => a.id)).not.toContain(id);
    expect((await get(supervisor.token, `/alerts/${id}`)).status).toBe(200);
  });

  it('filters the list by status, risk, sub-district, informant and dates', async () => {
    const id = await submit(redAlert(), otherInformant);
    expect(await listedAlert(id)).toBeDefined();
    const ids = async (query: string) => (await get(admin, `/alerts?pageSize=200&${query}`)).body.items.map((a: { id: string }) => a.id);
    expect(await ids(`informantId=${otherInformant.id}`)).toEqual([id]);
    expect(await ids(`informantId=${otherInformant.id}&grade=red&status=submitted&subDistrict=pinghu`)).toEqual([id]);
    expect(await ids(`informantId=${otherInformant.id}&grade=yellow`)).toEqual([]);
    expect(await ids(`informantId=${otherInformant.id}&submittedFrom=2026-03-10&submittedTo=2026-03-10`)).toEqual([id]);
    expect(await ids(`informantId=${otherInformant.id}&submittedFrom=2026-03-11`)).toEqual([]);
    expect(await ids(`informantId=${otherInformant.id}&subDistrict=buji`)).toEqual([]);
    expect((await get(admin, '/alerts?grade=purple')).status).toBe(400);
    expect((await get(admin, '/alerts?submittedFrom=2026-02-30')).status).toBe(400);
    // Most severe first.
    const grades = (await get(admin, '/alerts?pageSize=200')).body.items.map((a: { grade: string }) => a.grade);
    expect(grades).toEqual([...grades].sort((a: string, b: string) => ['red', 'yellow', 'green'].indexOf(a) - ['red', 'yellow', 'green'].indexOf(b)));
  });
});

describe('pick-up deadline', () => {
  const queue = () => app.worker.get<Queue<ClockJob>>(getQueueToken(CLOCKS_QUEUE));
  /** No clock job waiting to run or running: whatever reconciliation queued has been handled. */
  const queueIdle = () =>
    eventually(async () => {
      const counts = await queue().getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
      return Object.values(counts).every((n) => n === 0);
    }, 'the clock queue to be idle');
  const escalations = async (id: string) => (await app.store.readStream(`alert-${id}`)).filter((e) => e.type === 'AlertEscalated');

  it('escalates a red alert not acknowledged within 2 hours exactly once, and tells the supervisors', async () => {
    const start = app.clock.now();
    const late = await submit();
    const pickedUp = await submit();
    expect((await post(mediator.token, `/alerts/${pickedUp}/acknowledgement`, {})).status).toBe(200);
    await app.settled();
    const [clock] = deriveClocks(`alert-${late}`, await app.store.readStream(`alert-${late}`));
    expect(clock).toMatchObject({ kind: 'alert_pickup', running: true });
    expect(clock.deadlineAt.getTime()).toBe(start.getTime() + 2 * HOUR);
    const jobId = ClockScheduler.jobId(clock.clockId, 'deadline', clock.deadlineAt);
    await eventually(() => queue().getJob(jobId), 'the pick-up job to be scheduled');

    // Not yet: 1 h 59 min later nothing happens. No fixed wait: the queue is idle and the job
    // still waits for its time, so nothing that could escalate is on its way.
    app.clock.set(new Date(start.getTime() + 2 * HOUR - 60_000));
    await app.worker.get(ClockScheduler).reconcileAll();
    await queueIdle();
    expect(await (await queue().getJob(jobId))?.getState()).toBe('delayed');
    expect(await escalations(late)).toHaveLength(0);

    app.clock.set(new Date(start.getTime() + 2 * HOUR + 60_000));
    await app.worker.get(ClockScheduler).reconcileAll();
    await eventually(async () => (await escalations(late)).length > 0, 'the escalation');

    // The job delivered again, and reconciliation run again: still one.
    const job = await queue().getJob(jobId);
    await queue().add('deadline', job!.data, { jobId: `${jobId}.redelivered` });
    await eventually(async () => (await queue().getJob(`${jobId}.redelivered`))?.isCompleted(), 'the redelivered job');
    await app.settled();
    await app.worker.get(ClockScheduler).reconcileAll();
    await queueIdle();
    await app.settled();

    const escalated = await escalations(late);
    expect(escalated).toHaveLength(1);
    expect(escalated[0].data).toEqual({ escalatedAt: new Date(start.getTime() + 2 * HOUR + 60_000).toISOString(), reason: 'not_acknowledged_in_time' });
    expect(escalated[0].metadata).toMatchObject({ actorRole: 'system' });
    // The one picked up in time is left alone.
    expect(await escalations(pickedUp)).toHaveLength(0);

    const notified = await notices(late, 'alert_escalated');
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({ audience: { role: 'supervisor', subDistrict: 'pinghu' }, params: { reason: 'not_acknowledged_in_time' } });
    expect(notified[0].title.zh).toContain('超时未签收');

    expect(await listedAlert(late, mediator.token, '&escalated=true')).toMatchObject({
      status: 'submitted',
      escalated: true,
      escalationReason: 'not_acknowledged_in_time',
      overdue: true,
    });
    const clockSubjects = async (query: string) =>
      itemsOf(await get(admin, `/clocks?kind=alert_pickup&pageSize=200${query}`)).map((c) => (c.subject as { id: string }).id);
    expect(await until(() => clockSubjects('&status=overdue'), (ids) => ids.includes(late))).toContain(late);

    // Acknowledged late, it is still picked up; the clock stops.
    expect((await post(mediator.token, `/alerts/${late}/acknowledgement`, {})).status).toBe(200);
    expect(await until(() => clockSubjects(''), (ids) => !ids.includes(late))).not.toContain(late);
  });
});

describe('conversion into a dispute case', () => {
  it('opens a case of channel informant_alert that links back, and the alert links to it', async () => {
    const id = await submit();
    const res = await post(mediator.token, `/alerts/${id}/conversion`, { claimants: [{ name: '王五', phone: '13912345678' }] }, { 'If-Match': '"2"' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: disputeIdForAlert(id), caseNo: expect.stringMatching(/^LG-PH-2026-\d{4}$/), version: 2, alert: { id, version: 3 } });
    const disputeId = res.body.id;

    const dispute = await get(mediator.token, `/disputes/${disputeId}`);
    expect(dispute.body).toMatchObject({
      channel: 'informant_alert',
      subDistrict: 'pinghu',
      employer: ENTERPRISE,
      category: 'wage_arrears',
      workersInvolved: 40,
      groupDispute: true,
      source: { kind: 'alert', id },
    });
    expect((await get(mediator.token, `/alerts/${id}`)).body).toMatchObject({ status: 'converted', disputeId });
    expect((await post(mediator.token, `/alerts/${id}/conversion`, {})).status).toBe(422);
    expect(await typesOf(`dispute-${disputeId}`)).toEqual(['DisputeOpened', 'GroupDisputeFlagged']);

    expect(await listedAlert(id, admin, '&status=converted')).toMatchObject({ status: 'converted', disputeId });
  });

  it('converts with no body at all, the workers affected standing for the claimants', async () => {
    const id = await submit(yellowAlert({ signals: ['social_insurance_unpaid', 'wage_delay'] }));
    const res = await post(supervisor.token, `/alerts/${id}/conversion`);
    expect(res.status).toBe(201);
    const dispute = await get(admin, `/disputes/${res.body.id}`);
    expect(dispute.body).toMatchObject({ channel: 'informant_alert', category: 'wage_arrears', workersInvolved: 12, claimants: [{ name: '预警涉及职工（待核实）' }] });
  });

  it('opens one case when two conversions race', async () => {
    const id = await submit();
    const results = await Promise.all([1, 2].map(() => post(mediator.token, `/alerts/${id}/conversion`, {})));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect([409, 422]).toContain(statuses[1]);
    expect(await typesOf(`alert-${id}`)).toEqual(['AlertSubmitted', 'AlertGraded', 'AlertConverted']);
  });

  it('finishes a conversion that stopped between its two appends', async () => {
    const id = await submit(yellowAlert());
    const disputeId = disputeIdForAlert(id);
    await app.store.append(
      `alert-${id}`,
      [{ eventId: randomUUID(), type: 'AlertConverted', data: { disputeId, convertedAt: app.clock.now().toISOString() }, metadata: { actorId: mediator.id, actorRole: 'mediator' } }],
      { expectedVersion: 2 },
    );
    const res = await post(mediator.token, `/alerts/${id}/conversion`, {}, { 'If-Match': '"2"' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: disputeId, alert: { id, version: 3 } });
    expect(await typesOf(`dispute-${disputeId}`)).toEqual(['DisputeOpened']);
  });
});

describe('what informants see', () => {
  it('their own alerts and their status, and nothing else', async () => {
    const id = await submit();
    const others = await submit(redAlert(), otherInformant);
    expect(await listedAlert(others)).toBeDefined();
    const before = await until(
      () => get(informant.token, '/alerts/mine?pageSize=200'),
      (res) => itemsOf(res).some((a) => a.id === id && a.grade === 'red'),
    );
    expect(before.status).toBe(200);
    expect(itemsOf(before).find((a) => a.id === id)).toMatchObject({ status: 'submitted', grade: 'red' });
    expect(itemsOf(before).map((a) => a.id)).not.toContain(others);

    const converted = await post(mediator.token, `/alerts/${id}/conversion`, {});
    expect(converted.status).toBe(201);
    const after = await until(
      () => get(informant.token, '/alerts/mine?pageSize=200'),
      (res) => itemsOf(res).some((a) => a.id === id && a.status === 'converted'),
    );
    const mine = itemsOf(after).find((a) => a.id === id);
    expect(mine).toMatchObject({ id, status: 'converted', convertedAt: expect.any(String), enterprise: ENTERPRISE });
    // Not the desk's workings: who acted, notes, the case.
    expect(mine).not.toHaveProperty('disputeId');
    expect(mine).not.toHaveProperty('acknowledgedBy');
    expect(mine).not.toHaveProperty('breakdown');
    const own = await get(informant.token, `/alerts/${id}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id, status: 'converted' });
    expect(own.body).not.toHaveProperty('disputeId');

    expect((await get(informant.token, `/alerts/${others}`)).status).toBe(404);
    expect((await get(informant.token, `/alerts/${randomUUID()}`)).status).toBe(404);
    expect((await get(informant.token, '/disputes')).status).toBe(403);
    expect((await get(informant.token, `/disputes/${converted.body.id}`)).status).toBe(403);
    expect((await get(informant.token, '/alerts')).status).toBe(403);
    expect((await post(informant.token, `/alerts/${id}/acknowledgement`, {})).status).toBe(403);
    expect((await get(informant.token, `/enterprises/${ENTERPRISE.creditCode}`)).status).toBe(403);
    expect((await get(informant.token, '/informants')).status).toBe(403);
    expect((await get(mediator.token, '/alerts/mine')).status).toBe(403);
  });
});

describe('enterprise view', () => {
  it('lists the alerts, cases, mediations and group disputes of an employer in scope', async () => {
    const creditCode = '91350200776049653A';
    const id = await submit(redAlert({ enterprise: { name: '厦门某某制衣有限公司', creditCode } }));
    const converted = await post(mediator.token, `/alerts/${id}/conversion`, {});
    expect(converted.status).toBe(201);
    const referral = await post(mediator.token, '/mediations', {
      court: '深圳市龙岗区人民法院',
      courtCaseNo: `(2026)粤0307民诉前调${Math.floor(Math.random() * 100000)}号`,
      referredOn: '2026-03-09',
      subDistrict: 'pinghu',
      category: 'wage_arrears',
      employer: { name: '厦门某某制衣有限公司', creditCode },
      workers: [{ name: '张三' }],
      claimAmountFen: 1_000_000,
    });
    expect(referral.status).toBe(201);

    const view = await until(
      () => get(supervisor.token, `/enterprises/${creditCode.toLowerCase()}`),
      (res) =>
        res.body.totals?.alerts === 1 &&
        res.body.totals.disputes === 1 &&
        res.body.totals.groupDisputes === 1 &&
        res.body.totals.mediations === 1 &&
        res.body.alerts[0].status === 'converted',
    );
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ creditCode, names: ['厦门某某制衣有限公司'], name: '厦门某某制衣有限公司', window: { from: '2023-03-11', to: '2026-03-10' }, since: '2023-03-11' });
    expect(view.body.alerts).toEqual([expect.objectContaining({ id, status: 'converted', grade: 'red', disputeId: converted.body.id })]);
    expect(view.body.disputes).toEqual([expect.objectContaining({ id: converted.body.id, caseNo: converted.body.caseNo, channel: 'informant_alert', source: { kind: 'alert', id } })]);
    expect(view.body.groupDisputes).toEqual([expect.objectContaining({ id: converted.body.id, workersInvolved: 40 })]);
    // Recorded by a mediator, so assigned to them and in progress from the start.
    expect(view.body.mediations).toEqual([expect.objectContaining({ id: referral.body.id, status: 'in_progress' })]);
    expect(view.body.totals).toMatchObject({ alerts: 1, disputes: 1, groupDisputes: 1, mediations: 1 });

    expect((await get(mediator.token, `/enterprises/${creditCode}`)).body.totals).toMatchObject({ alerts: 1, disputes: 1 });
    // Another sub-district's staff see nothing of it.
    expect((await get(bujiMediator.token, `/enterprises/${creditCode}`)).body.totals).toMatchObject({ alerts: 0, disputes: 0, mediations: 0 });
    expect((await get(bujiSupervisor.token, `/enterprises/${creditCode}`)).body.alerts).toEqual([]);

    const bad = await get(admin, '/enterprises/91350200776049653B');
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['creditCode']);
  });
});

describe('informant registry', () => {
  const registration = (overrides: Record<string, unknown> = {}) => ({
    username: `informant-${randomUUID().slice(0, 8)}`,
    password: `pw-${randomUUID()}`,
    name: '陈小红',
    phone: '13812345678',
    subDistrict: 'pinghu',
    enterprises: ['91440300708461136T', '91350200776049653A'],
    ...overrides,
  });

  it('registers an informant with an account, who can then report; the list counts enterprises and the last alert', async () => {
    const body = registration();
    const res = await post(supervisor.token, '/informants', body, { 'Idempotency-Key': randomUUID() });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), version: 1 });
    const informantId = res.body.id;
    const account = await get(admin, `/users/${informantId}`);
    expect(account.body).toMatchObject({ role: 'informant', subDistrict: 'pinghu', displayName: null, active: true });

    const token = await app.login(body.username, body.password);
    const reporter = { id: informantId, token };
    const alertId = await submit(yellowAlert(), reporter);

    const registry = (query = '', token = supervisor.token) => get(token, `/informants?pageSize=200${query}`);
    const entry = (res: { body: { items?: Item[] } }) => itemsOf(res).find((i) => i.id === informantId);
    const listed = await until(() => registry(), (res) => entry(res)?.alertsSubmitted === 1);
    expect(listed.status).toBe(200);
    // The registry list keeps the phone masked; the detail shows it whole. Both name the person the data belongs to.
    const detail = (await get(supervisor.token, `/informants/${informantId}`)).body;
    expect(detail).toMatchObject({ name: '陈小红', phone: '13812345678', personId: expect.stringMatching(/^[0-9a-f-]{36}$/), erased: false });
    expect(entry(listed)).toMatchObject({
      name: '陈小红',
      phone: '138****5678',
      personId: detail.personId,
      subDistrict: 'pinghu',
      enterprises: ['91440300708461136T', '91350200776049653A'],
      enterpriseCount: 2,
      active: true,
      alertsSubmitted: 1,
      lastAlertAt: chinaTime(app.clock.now()),
    });
    expect((await get(admin, `/informants?creditCode=91350200776049653A&reported=true&pageSize=200`)).body.items.map((i: { id: string }) => i.id)).toContain(
      informantId,
    );
    // A whole phone number still finds them (through the persons' keyed lookups), and so do its visible digits.
    expect(itemsOf(await registry('&q=13812345678')).map((i) => i.id)).toContain(informantId);
    expect(itemsOf(await registry('&q=5678')).map((i) => i.id)).toContain(informantId);
    expect(itemsOf(await registry('&q=13800000000')).map((i) => i.id)).not.toContain(informantId);
    expect((await get(mediator.token, `/alerts/${alertId}`)).body).toMatchObject({ informantId });

    const changed = await put(supervisor.token, `/informants/${informantId}/enterprises`, { enterprises: ['91440300708461136T'] }, { 'If-Match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ id: informantId, version: 2 });
    const deactivated = await post(supervisor.token, `/informants/${informantId}/deactivation`, { reason: '已离职' });
    expect(deactivated.status).toBe(200);
    expect(await typesOf(`informant-${informantId}`)).toEqual(['InformantRegistered', 'InformantEnterprisesChanged', 'InformantDeactivated']);
    expect((await get(admin, `/users/${informantId}`)).body).toMatchObject({ active: false });
    // Deactivated: no more logging in or reporting.
    expect((await post(token, '/alerts', yellowAlert(), { 'Idempotency-Key': randomUUID() })).status).toBe(401);
    expect((await post(supervisor.token, `/informants/${informantId}/deactivation`, {})).status).toBe(422);
    expect((await get(supervisor.token, `/informants/${informantId}`)).body).toMatchObject({ status: 'deactivated', enterprises: ['91440300708461136T'] });
    const inactive = await until(() => registry('&active=false', admin), (res) => entry(res)?.version === 3);
    expect(entry(inactive)).toMatchObject({
      active: false,
      enterpriseCount: 1,
      deactivationReason: '已离职',
    });
  });

  it('registers once for a repeated Idempotency-Key, and refuses a taken username without writing the registry', async () => {
    const body = registration();
    const key = randomUUID();
    const first = await post(admin, '/informants', body, { 'Idempotency-Key': key });
    await app.api.get(DataSource).query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
    const again = await post(admin, '/informants', body, { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await typesOf(`informant-${first.body.id}`)).toEqual(['InformantRegistered']);

    const taken = await post(admin, '/informants', { ...body, password: `pw-${randomUUID()}` });
    expect(taken.status).toBe(409);
    expect(fields(taken)).toEqual(['username']);
  });

  it('keeps supervisors to their scope, and validates credit codes and phones', async () => {
    const elsewhere = await post(bujiSupervisor.token, '/informants', registration());
    expect(elsewhere.status).toBe(403);
    expect(fields(elsewhere)).toEqual(['subDistrict']);
    const bad = await post(admin, '/informants', registration({ phone: '12345', enterprises: ['91440300708461136T', '91440300708461136U'] }));
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['enterprises.1', 'phone']);

    const registered = await post(supervisor.token, '/informants', registration());
    expect((await get(bujiSupervisor.token, `/informants/${registered.body.id}`)).status).toBe(404);
    await until(
      () => get(admin, '/informants?pageSize=200'),
      (res) => itemsOf(res).some((i) => i.id === registered.body.id),
    );
    expect((await get(bujiSupervisor.token, '/informants?pageSize=200')).body.items.map((i: { id: string }) => i.id)).not.toContain(registered.body.id);
    expect((await get(mediator.token, '/informants')).status).toBe(403);
  });
});
