import { DataSource } from 'typeorm';
import { CheckpointStore, Projection, ProjectionRegistry } from '@lc/projections';
import { referralBody } from './support/bodies';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

/*
 * Issue 10 §4: figures people can trust. Every list, statistics, report and detail answer says how
 * current it is (`freshness: { asOf, upToDate, behindEvents }`); /health shows each read model's
 * lag; /health/ready is 503 while read models replay and 200 once they have caught up.
 */

// 2026-03-10 10:00 in Shanghai.
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
let admin: string;
let mediator: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp('freshness', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  mediator = await app.user('mediator', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});

const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

async function openCase(phone: string): Promise<string> {
  const res = await app
    .http()
    .post('/api/v1/disputes')
    .set(...bearer(mediator.token))
    .send({
      channel: 'walk_in',
      subDistrict: 'pinghu',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      category: 'wage_arrears',
      workersInvolved: 3,
      amountClaimedFen: 1_000_000,
      summary: '工资未发',
      openedOn: '2026-03-02',
      claimants: [{ name: '工人', phone }],
    });
  expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
  return res.body.id;
}

describe('freshness of every answer', () => {
  it('tells on lists, statistics, reports, the enterprise view and details how current they are', async () => {
    const id = await openCase('13600000011');
    await app.settled();
    const recorded = (await app.store.readStream(`dispute-${id}`)).at(-1)!.recordedAt;

    for (const path of ['/disputes', '/complaints', '/mediations', '/alerts', '/informants', '/clocks', '/users', '/notifications', '/stats/summary', '/stats/by-month', '/stats/by-sub-district', '/stats/by-category', '/stats/watch-list', '/reports/annual', '/enterprises/91440300708461136T', `/disputes/${id}`, `/disputes/${id}/timeline`]) {
      const res = await get(admin, path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, freshness: res.body.freshness }).toEqual({
        path,
        // asOf is null for a read model that has applied nothing yet (no complaint was ever received).
        freshness: { asOf: res.body.freshness?.asOf === null ? null : expect.any(String), upToDate: true, behindEvents: 0 },
      });
    }
    expect((await get(admin, '/complaints')).body.freshness.asOf).toBeNull();
    // The list's asOf is the time of the last event it applied: the case's opening.
    const list = await get(admin, '/disputes');
    expect(new Date(list.body.freshness.asOf).getTime()).toBe(recorded.getTime());
  });

  it('tells on the mediators, a mediator’s work, the monthly report, a mediation, persons, an informant’s own entry, the unread count and the risk weights', async () => {
    const referral = await app
      .http()
      .post('/api/v1/mediations')
      .set(...bearer(mediator.token))
      .send(referralBody());
    expect(referral.status).toBe(201);
    const informant = await app
      .http()
      .post('/api/v1/informants')
      .set(...bearer(admin))
      .send({ username: 'freshness-informant', password: 'pw-informant-1', name: '王芳', phone: '13800138077', subDistrict: 'pinghu', enterprises: ['91440300708461136T'] });
    expect(informant.status).toBe(201);
    const informantToken = await app.login('freshness-informant', 'pw-informant-1');
    // February is over: its report is issued (by the worker's catch-up at start, or now).
    expect([200, 201]).toContain((await app.http().post('/api/v1/reports/monthly').set(...bearer(admin)).send({ month: '2026-02' })).status);
    await app.settled();
    const persons = await get(admin, '/persons?phone=13600000011');
    expect(persons.body.items).toHaveLength(1);

    for (const [token, path] of [
      [admin, '/mediators'],
      [mediator.token, '/mediators'],
      [mediator.token, '/me/work'],
      [mediator.token, '/notifications/unread-count'],
      [admin, '/reports/monthly?month=2026-02'],
      [admin, `/mediations/${referral.body.id}`],
      [admin, `/mediations/${referral.body.id}/timeline`],
      [admin, '/persons?phone=13600000011'],
      [admin, `/persons/${persons.body.items[0].id}`],
      [informantToken, '/informants/me'],
      [admin, '/reference/risk-weights'],
    ] as const) {
      const res = await get(token, path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, freshness: res.body.freshness }).toEqual({
        path,
        // asOf is null for a read model that has applied nothing yet (no notification was ever raised).
        freshness: { asOf: res.body.freshness?.asOf === null ? null : expect.any(String), upToDate: true, behindEvents: 0 },
      });
    }
    // The referral the mediator recorded is theirs, and their work says it (the read models have caught up).
    expect((await get(mediator.token, '/me/work')).body.items.map((i: { id: string }) => i.id)).toContain(referral.body.id);
  });
});

describe('readiness while read models replay', () => {
  it('is 503 during a rebuild of a read model, says which and how far behind, and 200 once caught up', async () => {
    await openCase('13600000012');
    await openCase('13600000013');
    await app.settled();

    const ready = await app.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.projections).toMatchObject({ status: 'up', caughtUp: true });
    expect(ready.body.details.projections.readModels['dispute-cases']).toMatchObject({ upToDate: true, behindEvents: 0 });

    const projection: Projection = app.worker.get(ProjectionRegistry).find('dispute-cases');
    await app.restartWorker(async () => {
      // What `npm run projections:rebuild -- dispute-cases` does first, with no worker to replay it yet.
      await new CheckpointStore(app.api.get(DataSource)).reset(projection);

      const during = await app.http().get('/health/ready');
      expect(during.status).toBe(503);
      expect(during.body.details.projections).toMatchObject({ status: 'down', caughtUp: false });
      const lag = during.body.details.projections.readModels['dispute-cases'];
      expect(lag).toMatchObject({ upToDate: false, asOf: null });
      expect(lag.behindEvents).toBeGreaterThanOrEqual(3);
      // Others are not affected.
      expect(during.body.details.projections.readModels.accounts).toMatchObject({ upToDate: true });

      // /health stays 200 (the replica is alive) and shows the same lag.
      const health = await app.http().get('/health');
      expect(health.status).toBe(200);
      expect(health.body.details.projections.readModels['dispute-cases']).toMatchObject({ upToDate: false });

      // The list says it is behind rather than passing an empty page off as the truth.
      const list = await get(admin, '/disputes');
      expect(list.body.total).toBe(0);
      expect(list.body.freshness).toMatchObject({ upToDate: false, asOf: null });
      expect(list.body.freshness.behindEvents).toBeGreaterThanOrEqual(3);
    });

    await app.settled();
    const after = await app.http().get('/health/ready');
    expect(after.status).toBe(200);
    const list = await get(admin, '/disputes');
    expect(list.body.total).toBe(3);
    expect(list.body.freshness).toMatchObject({ upToDate: true, behindEvents: 0 });
  });
});

describe('answers read from a record’s stream that name people', () => {
  it('say how current the accounts that name the actors are: behind while a rename waits, current once applied', async () => {
    const id = await openCase('13600000014');
    const referral = await app.http().post('/api/v1/mediations').set(...bearer(mediator.token)).send(referralBody());
    expect(referral.status).toBe(201);
    await app.settled();
    const routes = [`/disputes/${id}/timeline`, `/mediations/${referral.body.id}/timeline`, `/disputes/${id}/evidence`, '/enterprises/91440300708461136T'];

    await app.restartWorker(async () => {
      // The mediator is renamed; with no worker, the accounts read model has not applied it.
      const renamed = await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).send({ displayName: '周调解' });
      expect(renamed.status).toBe(200);
      for (const path of routes) {
        const res = await get(admin, path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect({ path, upToDate: res.body.freshness.upToDate, behind: res.body.freshness.behindEvents > 0 }).toEqual({ path, upToDate: false, behind: true });
      }
      // The events are current, the name is not yet: which the freshness says.
      const timeline = (await get(admin, `/disputes/${id}/timeline`)).body;
      expect(timeline.events[0].actor.displayName).not.toBe('周调解');
    });

    await app.settled();
    for (const path of routes) {
      const res = await get(admin, path);
      expect({ path, freshness: res.body.freshness }).toEqual({ path, freshness: { asOf: expect.any(String), upToDate: true, behindEvents: 0 } });
    }
    expect((await get(admin, `/disputes/${id}/timeline`)).body.events[0].actor.displayName).toBe('周调解');
  });
});

describe('an issued monthly report', () => {
  // January: the worker makes February's report by itself at start (the missed 1st-of-month run).
  it('keeps its figures; a back-dated case marks it out of date with the live figures beside; a revision keeps both versions, audited', async () => {
    const districtSupervisor = await app.user('supervisor');
    await app.http().patch(`/api/v1/users/${districtSupervisor.id}`).set(...bearer(admin)).send({ displayName: '陈主任' }).expect(200);
    const pinghuSupervisor = await app.user('supervisor', 'pinghu');
    const openIn = async (openedOn: string, phone: string) => {
      const res = await app
        .http()
        .post('/api/v1/disputes')
        .set(...bearer(mediator.token))
        .send({
          channel: 'walk_in',
          subDistrict: 'pinghu',
          employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
          category: 'wage_arrears',
          workersInvolved: 3,
          amountClaimedFen: 1_000_000,
          summary: '工资未发',
          openedOn,
          claimants: [{ name: '工人', phone }],
        });
      expect(res.status).toBe(201);
    };
    await openIn('2026-01-10', '13600000021');
    await app.settled();

    // No month's report before the month is over.
    expect((await app.http().post('/api/v1/reports/monthly').set(...bearer(admin)).send({ month: '2026-03' })).status).toBe(422);

    expect((await app.http().post('/api/v1/reports/monthly').set(...bearer(districtSupervisor.token)).send({ month: '2026-01' })).status).toBe(201);
    const issued = await get(districtSupervisor.token, '/reports/monthly?month=2026-01');
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ revision: 1, currentRevision: 1, outOfDate: false, live: null });
    const openedAtIssue = issued.body.report.summary.disputes.opened as number;
    expect(openedAtIssue).toBe(1);
    // Nothing to revise while it is up to date.
    const early = await app.http().post('/api/v1/reports/monthly/revisions').set(...bearer(districtSupervisor.token)).send({ month: '2026-01', reason: '核对' });
    expect(early.status).toBe(422);

    // A case back-dated into January, recorded in March.
    await openIn('2026-01-20', '13600000022');
    await app.settled();
    const stale = await get(districtSupervisor.token, '/reports/monthly?month=2026-01');
    expect(stale.body).toMatchObject({ revision: 1, outOfDate: true });
    expect(stale.body.report.summary.disputes.opened).toBe(openedAtIssue); // the issued figures stay
    expect(stale.body.live.disputes.opened).toBe(openedAtIssue + 1); // the live ones beside them

    // Not even an administrator replaces the issued report in place: a 409 pointing to the revisions, nothing changed.
    const eventsBefore = await app.requestEventCount();
    const replace = await app.http().post('/api/v1/reports/monthly').set(...bearer(admin)).send({ month: '2026-01', regenerate: true });
    expect(replace.status).toBe(409);
    expect(replace.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(replace.body).toMatchObject({ code: 'conflict', errors: [{ field: 'regenerate', message: expect.stringContaining('/api/v1/reports/monthly/revisions') }] });
    expect(replace.body.detail).toContain('POST /api/v1/reports/monthly/revisions');
    expect(await app.requestEventCount()).toBe(eventsBefore);
    const unchanged = await get(districtSupervisor.token, '/reports/monthly?month=2026-01');
    expect(unchanged.body).toMatchObject({ revision: 1, currentRevision: 1, outOfDate: true });
    expect(unchanged.body.report).toEqual(stale.body.report);
    expect(unchanged.body.versions).toHaveLength(1);
    // On a month that has no report yet, regenerate is harmless: the report is issued as usual.
    expect((await app.http().post('/api/v1/reports/monthly').set(...bearer(admin)).send({ month: '2025-12', regenerate: true })).status).toBe(201);

    // A supervisor of one sub-district does not revise the district's report.
    const scoped = await app.http().post('/api/v1/reports/monthly/revisions').set(...bearer(pinghuSupervisor.token)).send({ month: '2026-01', reason: '补录' });
    expect(scoped.status).toBe(403);
    const revised = await app
      .http()
      .post('/api/v1/reports/monthly/revisions')
      .set(...bearer(districtSupervisor.token))
      .send({ month: '2026-01', reason: '补录1月20日来访案件' });
    expect(revised.status).toBe(201);
    expect(revised.body).toEqual({ month: '2026-01', revision: 2 });

    const current = await get(districtSupervisor.token, '/reports/monthly?month=2026-01');
    expect(current.body).toMatchObject({ revision: 2, currentRevision: 2, outOfDate: false, live: null });
    expect(current.body.report.summary.disputes.opened).toBe(openedAtIssue + 1);
    expect(current.body.versions.map((v: { revision: number; current: boolean }) => [v.revision, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    // Who issued each version, in what role and why, as the timelines name people.
    const supervisorActor = { id: districtSupervisor.id, role: 'supervisor', displayName: '陈主任', username: districtSupervisor.username };
    expect(current.body.versions).toEqual([
      { revision: 2, current: true, generatedAt: expect.stringMatching(/\+08:00$/), generatedBy: districtSupervisor.id, reason: '补录1月20日来访案件', actor: supervisorActor },
      { revision: 1, current: false, generatedAt: expect.stringMatching(/\+08:00$/), generatedBy: districtSupervisor.id, reason: null, actor: supervisorActor },
    ]);
    const first = await get(districtSupervisor.token, '/reports/monthly?month=2026-01&revision=1');
    expect(first.body).toMatchObject({ revision: 1, currentRevision: 2, outOfDate: true });
    expect(first.body.report.summary.disputes.opened).toBe(openedAtIssue);
    expect((await get(districtSupervisor.token, '/reports/monthly?month=2026-01&revision=3')).status).toBe(404);

    // Audited: who revised, when and why, in the report's own stream.
    const [audit] = await app.store.readStream('monthly-report-2026-01');
    expect(audit).toMatchObject({ type: 'MonthlyReportRevised', data: { month: '2026-01', revision: 2, reason: '补录1月20日来访案件' } });
    expect(audit.metadata.actorId).toBe(districtSupervisor.id);
  });
});

describe('summaries kept between requests', () => {
  it('answer a repeated question from what was kept only while the statistics have not moved, a rebuild included', async () => {
    const march = () => get(admin, '/stats/summary?period=2026-03&subDistrict=pinghu');
    const before = (await march()).body.disputes.opened;
    expect((await march()).body.disputes.opened).toBe(before);

    await openCase('13600000031');
    await app.settled();
    expect((await march()).body.disputes.opened).toBe(before + 1);

    // A rebuild empties the read model and replays it: while it is empty the answer says so, then it is whole again.
    const statistics: Projection = app.worker.get(ProjectionRegistry).find('statistics');
    await app.restartWorker(async () => {
      await new CheckpointStore(app.api.get(DataSource)).reset(statistics);
      const during = (await march()).body;
      expect(during.disputes.opened).toBe(0);
      expect(during.freshness).toMatchObject({ upToDate: false });
    });
    await app.settled();
    expect((await march()).body.disputes.opened).toBe(before + 1);
  });
});
