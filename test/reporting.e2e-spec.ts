import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { addDays } from '@lc/decider';
import { NewEvent, RecordedEvent } from '@lc/event-store';
import { ProjectionRegistry } from '@lc/projections';
import { creditCodeCheckChar } from '@lc/reference-data';
import {
  fenToWan,
  MONTHLY_REPORT_SCHEDULER,
  MonthlyReportJob,
  MonthlyReportJobs,
  REPORTS_QUEUE,
  UTF8_BOM,
  yuanToFen,
} from '@lc/reporting';
import { cstDay, EventLog, expectedSummary, expectedWatchList, replayLog } from './support/statistics-reference';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The statistics, annual figures and monthly report against a realistic mix of records written
 * into the event store (and a few through the API), across month and year boundaries, at China
 * Standard Time edge instants, with reopened and re-resolved cases in several sub-districts. Every
 * figure is compared with the same figure computed directly from the event log (statistics-reference).
 */

const NOW = new Date('2023-03-01T02:00:00Z'); // 10:00 on 1 March 2023 in Shenzhen
const LAST_DAY = '2023-02-28';
const SUB_DISTRICTS = ['pinghu', 'buji', 'bantian', 'henggang', 'longgang'];
const CATEGORIES = ['wage_arrears', 'wage_arrears', 'wage_arrears', 'social_insurance', 'work_injury', 'termination_compensation', 'working_hours', 'labour_contract', 'other'];
const CHANNELS = ['walk_in', 'hotline_12351', 'online_opinion', 'petition', 'informant_alert', 'referral'];
const OUTCOMES = ['agreement', 'agreement', 'agreement', 'withdrawn', 'referred_arbitration', 'referred_court', 'referred_inspection'];

let app: TestApp;
let admin: string;
let districtSupervisor: string;
let pinghuSupervisor: string;
let mediator: string;
let informant: string;
let log: EventLog;

/** A small deterministic generator (mulberry32): the same records on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
const rnd = prng(20220531);

const ENTERPRISES = Array.from({ length: 30 }, (_, i) => {
  const first17 = `91440300MA5${String(i + 1).padStart(6, '0')}`;
  return { name: `深圳市龙岗区第${i + 1}电子有限公司`, creditCode: first17 + creditCodeCheckChar(first17) };
});

const randomDay = (from = '2021-11-01', to = '2023-02-20') => {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, rnd.int(0, span));
};
const notAfterLastDay = (day: string) => (day > LAST_DAY ? LAST_DAY : day);
/** An instant on a Shanghai day, at a random time of that day, as UTC ISO. */
const instantOn = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + rnd.int(0, 86_399) * 1000).toISOString();

// A mediator's id is an account id (a uuid) in every event the service writes; read models store it as one.
const meta = { actorId: '7d9b1c3e-5a2f-4e6b-8c1d-0f2a4b6c8e10', actorRole: 'mediator' };
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ eventId: randomUUID(), type, data, metadata: meta });

async function append(stream: string, events: NewEvent[]) {
  await app.store.append(stream, events, { expectedVersion: 'no_stream' });
}

function disputeEvents(o: {
  openedOn: string;
  subDistrict?: string;
  workers?: number;
  employer?: (typeof ENTERPRISES)[number];
  resolutions?: Array<{ resolvedOn: string; reopenedOn?: string }>;
  recoveries?: Array<{ on: string; fen: number }>;
}): { stream: string; events: NewEvent[] } {
  const id = randomUUID();
  const workers = o.workers ?? (rnd.chance(0.08) ? rnd.int(30, 150) : rnd.int(1, 25));
  const events: NewEvent[] = [
    event('DisputeOpened', {
      disputeId: id,
      caseNo: `LG-XX-${o.openedOn.slice(0, 4)}-${String(++caseNumbers).padStart(5, '0')}`,
      channel: rnd.pick(CHANNELS),
      subDistrict: o.subDistrict ?? rnd.pick(SUB_DISTRICTS),
      employer: o.employer ?? rnd.pick(ENTERPRISES),
      category: rnd.pick(CATEGORIES),
      workersInvolved: workers,
      amountClaimedFen: rnd.int(100_000, 50_000_000),
      summary: '拖欠工资',
      openedOn: o.openedOn,
      claimants: [{ name: '张三' }],
    }),
  ];
  if (workers >= 30) {
    events.push(event('GroupDisputeFlagged', { workersInvolved: workers }));
    // Now and then a count entered wrong and corrected: the case keeps its flag, not its 30+ workers.
    if (rnd.chance(0.2)) events.push(event('WorkersInvolvedChanged', { workersInvolved: 12, previousWorkersInvolved: workers, reason: '录入错误' }));
  } else if (rnd.chance(0.03)) {
    events.push(event('WorkersInvolvedChanged', { workersInvolved: 40, previousWorkersInvolved: workers }));
    events.push(event('GroupDisputeFlagged', { workersInvolved: 40 }));
  }
  for (const r of o.recoveries ?? []) events.push(event('RecoveryRecorded', { amountFen: r.fen, recoveredOn: r.on, note: '' }));
  for (const r of o.resolutions ?? []) {
    events.push(event('DisputeResolved', { outcome: rnd.pick(OUTCOMES), resolvedOn: r.resolvedOn, note: '' }));
    if (r.reopenedOn) events.push(event('DisputeReopened', { reason: '当事人反悔', reopenedOn: r.reopenedOn }));
  }
  return { stream: `dispute-${id}`, events };
}

let caseNumbers = 0;
async function appendDispute(o: Parameters<typeof disputeEvents>[0]) {
  const { stream, events } = disputeEvents(o);
  await append(stream, events);
}

async function writeDisputes(count: number) {
  for (let i = 0; i < count; i++) {
    const openedOn = randomDay();
    const recoveries = Array.from({ length: rnd.int(0, 3) }, () => ({
      on: notAfterLastDay(addDays(openedOn, rnd.int(0, 60))),
      fen: rnd.int(100_000, 8_000_000) + rnd.int(0, 99),
    }));
    const resolutions: Array<{ resolvedOn: string; reopenedOn?: string }> = [];
    if (rnd.chance(0.75)) {
      const resolvedOn = notAfterLastDay(addDays(openedOn, rnd.int(0, 90)));
      if (rnd.chance(0.12) && resolvedOn < LAST_DAY) {
        const reopenedOn = notAfterLastDay(addDays(resolvedOn, rnd.int(1, 20)));
        resolutions.push({ resolvedOn, reopenedOn });
        if (rnd.chance(0.7)) resolutions.push({ resolvedOn: notAfterLastDay(addDays(reopenedOn, rnd.int(0, 30))) });
      } else resolutions.push({ resolvedOn });
    }
    await appendDispute({ openedOn, recoveries, resolutions });
  }
  // At the edges: resolved on the last day of May, reopened and resolved again on 1 June; resolved
  // on New Year's Eve 2021, reopened and resolved again in January 2022.
  await appendDispute({
      openedOn: '2022-05-10',
      subDistrict: 'pinghu',
      workers: 60,
      resolutions: [{ resolvedOn: '2022-05-31', reopenedOn: '2022-06-01' }, { resolvedOn: '2022-06-01' }],
      recoveries: [{ on: '2022-05-31', fen: 1_000_001 }, { on: '2022-06-01', fen: 2_000_002 }],
  });
  await appendDispute({
      openedOn: '2021-12-20',
      subDistrict: 'buji',
      resolutions: [{ resolvedOn: '2021-12-31', reopenedOn: '2022-01-02' }, { resolvedOn: '2022-01-05' }],
  });
}

async function writeComplaints(count: number) {
  const edges = ['2022-05-31T16:30:00.000Z', '2022-05-31T15:59:00.000Z', '2021-12-31T16:30:00.000Z', '2022-12-31T16:00:00.000Z'];
  for (let i = 0; i < count + edges.length; i++) {
    const receivedAt = i < edges.length ? edges[i] : instantOn(randomDay());
    const source = rnd.pick(['hotline_12351', 'hotline_12351', 'online_opinion', 'other']);
    const id = randomUUID();
    const events = [
      event('ComplaintReceived', {
        complaintId: id,
        source,
        ...(source === 'hotline_12351' ? { workOrderNo: `GD${rnd.int(100000, 999999)}` } : {}),
        subDistrict: rnd.pick(SUB_DISTRICTS),
        summary: '反映欠薪',
        receivedAt,
      }),
    ];
    if (rnd.chance(0.8)) {
      const on = notAfterLastDay(addDays(cstDay(receivedAt), rnd.int(0, 10)));
      events.push(
        rnd.chance(0.3) ? event('ComplaintConverted', { disputeId: randomUUID(), convertedOn: on }) : event('ComplaintHandled', { note: '已答复', handledOn: on }),
      );
    }
    await append(`complaint-${id}`, events);
  }
}

async function writeMediations(count: number) {
  for (let i = 0; i < count; i++) {
    const referredOn = randomDay();
    const id = randomUUID();
    const events = [
      event('MediationReferred', {
        mediationId: id,
        court: '深圳市龙岗区人民法院',
        courtCaseNo: `（2022）粤0307民诉前调${i}号`,
        referredOn,
        subDistrict: rnd.pick(SUB_DISTRICTS),
        category: rnd.pick(CATEGORIES),
        employer: rnd.pick(ENTERPRISES),
        workers: [{ name: '李四' }],
        claimAmountFen: rnd.int(100_000, 20_000_000),
      }),
    ];
    if (rnd.chance(0.85)) {
      const on = notAfterLastDay(addDays(referredOn, rnd.int(0, 45)));
      const end = rnd.next();
      if (end < 0.7) events.push(event('MediationAgreementReached', { amountFen: rnd.int(50_000, 9_000_000), agreedOn: on, paymentTerms: '一次性支付' }));
      else if (end < 0.9) events.push(event('MediationFailed', { reason: '用人单位不同意', failedOn: on }));
      else events.push(event('MediationWithdrawn', { withdrawnOn: on }));
    }
    await append(`mediation-${id}`, events);
  }
}

const INFORMANTS = Array.from({ length: 12 }, (_, i) => ({ id: randomUUID(), subDistrict: SUB_DISTRICTS[i % SUB_DISTRICTS.length] }));

async function writeInformantsAndAlerts(count: number) {
  // Ten registered (one of them deactivated); two never registered, whose alerts count as alerts only.
  for (const [i, inf] of INFORMANTS.slice(0, 10).entries()) {
    const events = [event('InformantRegistered', { informantId: inf.id, name: `信息员${i}`, phone: '13800138000', subDistrict: inf.subDistrict, enterprises: [] })];
    if (i === 9) events.push(event('InformantDeactivated', { reason: '离职' }));
    await append(`informant-${inf.id}`, events);
  }
  const edges = ['2022-05-31T16:30:00.000Z', '2022-05-31T15:50:00.000Z', '2022-12-31T15:30:00.000Z'];
  for (let i = 0; i < count + edges.length; i++) {
    const submittedAt = i < edges.length ? edges[i] : instantOn(randomDay());
    const inf = rnd.pick(INFORMANTS.slice(0, i % 7 === 0 ? 12 : 9)); // informants 9 to 11 report rarely
    const enterprise = rnd.pick(ENTERPRISES);
    const id = randomUUID();
    const events = [
      event('AlertSubmitted', {
        alertId: id,
        informantId: inf.id,
        enterprise,
        subDistrict: inf.subDistrict,
        signals: ['wage_delay'],
        workersAffected: rnd.int(5, 200),
        description: '工资延发',
        observedAt: submittedAt,
        submittedAt,
      }),
    ];
    if (rnd.chance(0.9)) events.push(event('AlertGraded', { grade: rnd.pick(['red', 'yellow', 'yellow', 'green', 'green']), points: rnd.int(0, 30), breakdown: [], weightsVersion: 1 }));
    const at = (minutes: number) => new Date(Date.parse(submittedAt) + minutes * 60_000 + rnd.int(0, 59) * 1000).toISOString();
    if (rnd.chance(0.8)) events.push(event('AlertAcknowledged', { acknowledgedAt: at(rnd.int(1, 900)), by: randomUUID() }));
    if (rnd.chance(0.15)) events.push(event('AlertEscalated', { escalatedAt: at(rnd.int(60, 3000)), reason: 'manual' }));
    const close = rnd.next();
    if (close < 0.1) events.push(event('AlertConverted', { disputeId: randomUUID(), convertedAt: at(rnd.int(60, 5000)) }));
    else if (close < 0.2) events.push(event('AlertDismissed', { reason: '误报', dismissedAt: at(rnd.int(60, 5000)) }));
    await append(`alert-${id}`, events);
  }
}

/** Some of it through the API, as users would: the events are then exactly what the deciders make. */
async function throughTheApi() {
  const employer = ENTERPRISES[0];
  const opened = await app
    .http()
    .post('/api/v1/disputes')
    .set(...bearer(admin))
    .send({
      channel: 'hotline_12351',
      subDistrict: 'pinghu',
      employer,
      category: 'wage_arrears',
      workersInvolved: 35,
      amountClaimedFen: 5_000_000,
      summary: '35名工人被拖欠两个月工资',
      openedOn: '2022-05-20',
      claimants: [{ name: '王五' }],
    })
    .expect(201);
  const id = opened.body.id;
  await app.http().post(`/api/v1/disputes/${id}/recoveries`).set(...bearer(admin)).send({ amountFen: 1_234_567, recoveredOn: '2022-05-25' }).expect(200);
  await app.http().post(`/api/v1/disputes/${id}/resolution`).set(...bearer(admin)).send({ outcome: 'agreement', resolvedOn: '2022-05-31' }).expect(200);
  // Reopened today (1 March 2023) and resolved again: it leaves May 2022 for March 2023.
  await app.http().post(`/api/v1/disputes/${id}/reopen`).set(...bearer(admin)).send({ reason: '企业未按协议支付' }).expect(200);
  await app.http().post(`/api/v1/disputes/${id}/resolution`).set(...bearer(admin)).send({ outcome: 'referred_arbitration', resolvedOn: '2023-03-01' }).expect(200);

  const complaint = await app
    .http()
    .post('/api/v1/complaints')
    .set(...bearer(admin))
    .send({ source: 'hotline_12351', workOrderNo: 'GD2022060100001', subDistrict: 'pinghu', summary: '反映欠薪', receivedAt: '2022-06-01T00:30:00+08:00' })
    .expect(201);
  await app.http().post(`/api/v1/complaints/${complaint.body.id}/handling`).set(...bearer(admin)).send({ note: '已答复', handledOn: '2022-06-02' }).expect(200);
}

async function readWholeLog(): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let from: string | undefined;
  for (;;) {
    const page = await app.store.readAll({ fromPosition: from, maxCount: 1000 });
    if (page.length === 0) return all;
    all.push(...page);
    from = page[page.length - 1].globalPosition;
  }
}

beforeAll(async () => {
  app = await startTestApp('reporting', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  districtSupervisor = (await app.user('supervisor')).token;
  pinghuSupervisor = (await app.user('supervisor', 'pinghu')).token;
  mediator = (await app.user('mediator', 'pinghu')).token;
  informant = (await app.user('informant', 'pinghu')).token;

  await writeDisputes(400);
  await writeComplaints(150);
  await writeMediations(300);
  await writeInformantsAndAlerts(150);
  await throughTheApi();
  await app.settled();
  log = replayLog(await readWholeLog());
}, 300_000);

afterAll(async () => {
  await app?.close();
});

/**
 * The figures of an answer, compared with the log's; its freshness (issue 10 §4) checked on the
 * way: after settled() the read model must say it is up to date.
 */
function figures(body: Record<string, unknown>): Record<string, unknown> {
  const { freshness, ...rest } = body;
  expect(freshness).toMatchObject({ upToDate: true, behindEvents: 0 });
  return rest;
}

const summary = (token: string, query: Record<string, string>) =>
  app.http().get('/api/v1/stats/summary').query(query).set(...bearer(token));

describe('GET /stats/summary agrees with the event log', () => {
  const periods: Array<[string, string, string, string | null]> = [
    ['May 2022', '2022-05-01', '2022-05-31', null],
    ['June 2022', '2022-06-01', '2022-06-30', null],
    ['May 2022 in Pinghu', '2022-05-01', '2022-05-31', 'pinghu'],
    ['the year 2022', '2022-01-01', '2022-12-31', null],
    ['the year 2022 in Buji', '2022-01-01', '2022-12-31', 'buji'],
    ['across the new year', '2021-12-15', '2022-01-15', null],
    ['one day, 1 June 2022', '2022-06-01', '2022-06-01', null],
  ];

  it.each(periods)('%s', async (_, from, to, subDistrict) => {
    const res = await summary(admin, { from, to, ...(subDistrict ? { subDistrict } : {}) }).expect(200);
    expect(figures(res.body)).toEqual(expectedSummary(log, from, to, subDistrict));
  });

  it('has data where it matters: the test would prove little on zeros', () => {
    const may = expectedSummary(log, '2022-05-01', '2022-05-31');
    expect(may.disputes.resolved).toBeGreaterThan(5);
    expect(may.complaints.received).toBeGreaterThan(3);
    expect(may.mediations.concluded).toBeGreaterThan(5);
    expect(may.alerts.submitted).toBeGreaterThan(3);
    const year = expectedSummary(log, '2022-01-01', '2022-12-31');
    expect(year.disputes.groupDisputes).toBeGreaterThan(0);
    expect(year.informants.reportedOnline).toBeGreaterThan(0);
    expect(year.alerts.medianMinutesToAcknowledge).toBeGreaterThan(0);
  });

  it('counts a reopened, re-resolved case once, on its last resolution, and CST edge instants on their Shanghai day', async () => {
    // The case resolved on 31 May and again on 1 June is June's; the complaint received at 00:30 on 1 June is June's.
    const lastDayOfMay = (await summary(admin, { from: '2022-05-31', to: '2022-05-31', subDistrict: 'pinghu' }).expect(200)).body;
    const firstOfJune = (await summary(admin, { from: '2022-06-01', to: '2022-06-01', subDistrict: 'pinghu' }).expect(200)).body;
    expect(firstOfJune.disputes.resolved).toBeGreaterThanOrEqual(1);
    expect(firstOfJune.complaints.received).toBeGreaterThanOrEqual(1);
    expect(figures(lastDayOfMay)).toEqual(expectedSummary(log, '2022-05-31', '2022-05-31', 'pinghu'));
    expect(figures(firstOfJune)).toEqual(expectedSummary(log, '2022-06-01', '2022-06-01', 'pinghu'));
    // The case reopened through the API today counts in March 2023, not in May 2022.
    const march = (await summary(admin, { from: '2023-03-01', to: '2023-03-31' }).expect(200)).body;
    expect(march.disputes).toMatchObject({ resolved: 1, groupDisputes: 1, byOutcome: { referred_arbitration: 1 } });
  });

  it('a month, the sub-districts and the year add up', async () => {
    const year = (await summary(admin, { from: '2022-01-01', to: '2022-12-31' }).expect(200)).body;
    const byMonth = (await app.http().get('/api/v1/stats/by-month').query({ year: '2022' }).set(...bearer(admin)).expect(200)).body;
    expect(byMonth.months.map((m: { month: string }) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`));
    for (const m of byMonth.months) {
      const { month, ...rest } = m;
      const [y, mm] = month.split('-').map(Number);
      const last = new Date(Date.UTC(y, mm, 0)).toISOString().slice(0, 10);
      expect(rest).toEqual(expectedSummary(log, `${month}-01`, last));
    }
    const sum = (path: (s: any) => number) => byMonth.months.reduce((t: number, m: unknown) => t + path(m), 0);
    expect(sum((m) => m.disputes.resolved)).toBe(year.disputes.resolved);
    expect(sum((m) => m.disputes.amountRecoveredFen)).toBe(year.disputes.amountRecoveredFen);
    expect(sum((m) => m.mediations.amountRecoveredFen)).toBe(year.mediations.amountRecoveredFen);

    const bySub = (await app.http().get('/api/v1/stats/by-sub-district').query({ from: '2022-01-01', to: '2022-12-31' }).set(...bearer(admin)).expect(200)).body;
    expect(bySub.items).toHaveLength(11);
    expect(bySub.total).toEqual(figures(year));
    for (const item of bySub.items) {
      const { name, ...rest } = item;
      expect(name.zh).toMatch(/街道$/);
      expect(rest).toEqual(expectedSummary(log, '2022-01-01', '2022-12-31', item.subDistrict));
    }
    const total = (path: (s: any) => number) => bySub.items.reduce((t: number, s: unknown) => t + path(s), 0);
    expect(total((s) => s.disputes.opened)).toBe(year.disputes.opened);
    expect(total((s) => s.complaints.handled)).toBe(year.complaints.handled);
    expect(total((s) => s.alerts.red)).toBe(year.alerts.red);

    const byCategory = (await app.http().get('/api/v1/stats/by-category').query({ from: '2022-01-01', to: '2022-12-31' }).set(...bearer(admin)).expect(200)).body;
    expect(byCategory.items.map((c: { category: string }) => c.category)).toEqual([
      'wage_arrears',
      'social_insurance',
      'work_injury',
      'termination_compensation',
      'working_hours',
      'labour_contract',
      'other',
    ]);
    expect(byCategory.items.reduce((t: number, c: any) => t + c.disputes.resolved, 0)).toBe(year.disputes.resolved);
    expect(byCategory.items.reduce((t: number, c: any) => t + c.mediations.amountRecoveredFen, 0)).toBe(year.mediations.amountRecoveredFen);
    const wages = byCategory.items[0];
    const expectedWages = log.disputes.filter((d) => d.category === 'wage_arrears' && d.resolvedOn && d.resolvedOn.startsWith('2022')).length;
    expect(wages).toMatchObject({ name: { zh: '欠薪' }, disputes: { resolved: expectedWages } });
  });
});

describe('npm run projections:rebuild -- statistics', () => {
  it('replays the statistics into the same figures', async () => {
    const query = { from: '2021-11-01', to: '2023-03-31' };
    const before = await app.http().get('/api/v1/stats/by-sub-district').query(query).set(...bearer(admin)).expect(200);
    const dataSource = app.worker.get(DataSource);
    const counters = () => dataSource.query(`SELECT day::text, sub_district, category, channel, detail, metric, value::text FROM reporting_daily_counts ORDER BY 1, 2, 3, 4, 5, 6`);
    const countersBefore = await counters();
    await app.worker.get(ProjectionRegistry).rebuild('statistics');
    await app.settled();
    expect(await counters()).toEqual(countersBefore);
    const after = await app.http().get('/api/v1/stats/by-sub-district').query(query).set(...bearer(admin)).expect(200);
    expect(figures(after.body)).toEqual(figures(before.body));
  });
});

describe('who sees which figures', () => {
  it('limits a supervisor of one sub-district to theirs, and refuses another (403)', async () => {
    const own = await summary(pinghuSupervisor, { from: '2022-01-01', to: '2022-12-31' }).expect(200);
    expect(figures(own.body)).toEqual(expectedSummary(log, '2022-01-01', '2022-12-31', 'pinghu'));
    await summary(pinghuSupervisor, { from: '2022-01-01', to: '2022-12-31', subDistrict: 'pinghu' }).expect(200);
    const other = await summary(pinghuSupervisor, { from: '2022-01-01', to: '2022-12-31', subDistrict: 'buji' }).expect(403);
    expect(other.headers['content-type']).toMatch(/problem\+json/);
    const bySub = await app.http().get('/api/v1/stats/by-sub-district').query({ from: '2022-01-01', to: '2022-12-31' }).set(...bearer(pinghuSupervisor)).expect(200);
    expect(bySub.body.items.map((i: { subDistrict: string }) => i.subDistrict)).toEqual(['pinghu']);
  });

  it('lets district supervisors and admins see any sub-district or all', async () => {
    const buji = await summary(districtSupervisor, { from: '2022-01-01', to: '2022-12-31', subDistrict: 'buji' }).expect(200);
    expect(figures(buji.body)).toEqual(expectedSummary(log, '2022-01-01', '2022-12-31', 'buji'));
    await summary(districtSupervisor, { from: '2022-01-01', to: '2022-12-31' }).expect(200);
  });

  it('refuses mediators and informants', async () => {
    await summary(mediator, { from: '2022-01-01', to: '2022-12-31' }).expect(403);
    await summary(informant, { from: '2022-01-01', to: '2022-12-31' }).expect(403);
    await app.http().get('/api/v1/reports/annual').query({ year: '2022' }).set(...bearer(mediator)).expect(403);
  });
});

describe('validation', () => {
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

  it.each([
    [{ from: '2022-06-01', to: '2022-05-31' }, 'to'],
    [{ from: '2022-02-30', to: '2022-03-31' }, 'from'],
    [{ from: '2022/01/01', to: '2022-03-31' }, 'from'],
    [{ from: '2022-01-01' }, 'to'],
    [{ from: '2022-01-01', to: '2022-01-31', subDistrict: 'atlantis' }, 'subDistrict'],
    [{ from: '2022-01-01', to: '2022-01-31', form: 'x' }, 'form'],
    [{ period: '2022-13' }, 'period'],
    [{ period: '2022-Q5' }, 'period'],
    [{ period: '2022', from: '2022-01-01', to: '2022-01-31' }, 'period'],
  ])('%j → 400 naming %s', async (query, field) => {
    const res = await summary(admin, query as Record<string, string>).expect(400);
    expect(fieldsOf(res)).toContain(field);
  });

  it('checks the other routes too', async () => {
    const get = (path: string, query: Record<string, string>) => app.http().get(path).query(query).set(...bearer(admin)).expect(400);
    expect(fieldsOf(await get('/api/v1/stats/by-month', { year: '1999' }))).toContain('year');
    expect(fieldsOf(await get('/api/v1/stats/by-month', { from: '2022-06', to: '2022-01' }))).toContain('to');
    expect(fieldsOf(await get('/api/v1/stats/by-month', { from: '2022-01' }))).toContain('to');
    expect(fieldsOf(await get('/api/v1/reports/annual', { year: 'twenty' }))).toContain('year');
    expect(fieldsOf(await get('/api/v1/reports/monthly', { month: '2022-13' }))).toContain('month');
    expect(fieldsOf(await get('/api/v1/reports/monthly', { month: '2022-05', format: 'pdf' }))).toContain('format');
    const future = await app.http().post('/api/v1/reports/monthly').set(...bearer(admin)).send({ month: '2023-03' }).expect(422);
    expect(fieldsOf(future)).toContain('month');
  });
});

describe('GET /reports/annual', () => {
  it('gives the year figures and the annual report sentence, in Chinese by default', async () => {
    const res = await app.http().get('/api/v1/reports/annual').query({ year: '2022' }).set(...bearer(admin)).expect(200);
    const f = expectedSummary(log, '2022-01-01', '2022-12-31');
    expect(res.body.year).toBe(2022);
    expect(res.body.figures).toEqual(f);
    expect(res.body.text).toBe(
      `调处劳资纠纷${f.disputes.resolved}宗，帮助职工争取经济利益${fenToWan(f.disputes.amountRecoveredFen)}万元，` +
        `参与处置涉及职工30人以上劳资纠纷事件${f.disputes.groupDisputes}宗；处置网络舆情、12351工单等渠道职工投诉反映问题${f.complaints.handled}件；` +
        `处理诉前调解案件${f.mediations.concluded}件，为职工争取工资等经济利益${fenToWan(f.mediations.amountRecoveredFen)}万元。`,
    );
    expect(res.body.text).toMatch(/争取经济利益\d+\.\d{2}万元/);
  });

  it('speaks English on Accept-Language: en, and can be limited to a sub-district', async () => {
    const res = await app.http().get('/api/v1/reports/annual').query({ year: '2022', subDistrict: 'henggang' }).set(...bearer(admin)).set('Accept-Language', 'en-US,en;q=0.9').expect(200);
    const f = expectedSummary(log, '2022-01-01', '2022-12-31', 'henggang');
    expect(res.body.figures).toEqual(f);
    expect(res.body.text).toContain(`Resolved ${f.disputes.resolved} labour disputes`);
    expect(res.body.text).toContain(`handled ${f.mediations.concluded} pre-litigation mediations`);
    expect(res.headers['content-language']).toBe('en');
  });
});

describe('GET /stats/watch-list', () => {
  it('ranks the enterprises of the last three years as the event log says', async () => {
    const res = await app.http().get('/api/v1/stats/watch-list').query({ to: '2022-12-31', limit: '500' }).set(...bearer(admin)).expect(200);
    expect(res.body.window).toEqual({ from: '2020-01-01', to: '2022-12-31' });
    const expected = expectedWatchList(log, '2022-12-31');
    expect(expected.length).toBeGreaterThan(3);
    expect(res.body.items.map((e: { creditCode: string; score: number }) => ({ creditCode: e.creditCode, score: e.score }))).toEqual(expected);
    for (const e of res.body.items) expect(e.reasons.length).toBeGreaterThan(0);

    const pinghu = await app.http().get('/api/v1/stats/watch-list').query({ to: '2022-12-31', limit: '500' }).set(...bearer(pinghuSupervisor)).expect(200);
    expect(pinghu.body.subDistrict).toBe('pinghu');
    expect(pinghu.body.items.map((e: { creditCode: string; score: number }) => ({ creditCode: e.creditCode, score: e.score }))).toEqual(
      expectedWatchList(log, '2022-12-31', 'pinghu'),
    );
  });
});

/** RFC 4180 fields of a CSV text (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

describe('the monthly report (诉求信息月报)', () => {
  let may: ReturnType<typeof expectedSummary>;
  beforeAll(() => {
    may = expectedSummary(log, '2022-05-01', '2022-05-31');
  });

  it('is made on demand once: 201, then the stored one (200)', async () => {
    const first = await app.http().post('/api/v1/reports/monthly').set(...bearer(districtSupervisor)).send({ month: '2022-05' }).expect(201);
    expect(first.body.created).toBe(true);
    expect(first.body.report.summary).toEqual(may);
    const again = await app.http().post('/api/v1/reports/monthly').set(...bearer(admin)).send({ month: '2022-05' }).expect(200);
    expect(again.body).toEqual({ created: false, report: first.body.report });
    // An issued report is never replaced in place, not even by an administrator: a revision is the way.
    for (const token of [districtSupervisor, admin]) {
      const replace = await app.http().post('/api/v1/reports/monthly').set(...bearer(token)).send({ month: '2022-05', regenerate: true }).expect(409);
      expect(replace.body.errors).toEqual([{ field: 'regenerate', message: 'an issued report is not replaced: issue a revision (POST /api/v1/reports/monthly/revisions)' }]);
    }
  });

  it('breaks the month down by sub-district x category x channel, with totals equal to the summary', async () => {
    const { body } = await app.http().get('/api/v1/reports/monthly').query({ month: '2022-05' }).set(...bearer(admin)).expect(200);
    const r = body.report;
    const sum = (rows: any[], key: string) => rows.reduce((t, row) => t + row[key], 0);
    expect(sum(r.disputes, 'opened')).toBe(may.disputes.opened);
    expect(sum(r.disputes, 'resolved')).toBe(may.disputes.resolved);
    expect(sum(r.disputes, 'groupResolved')).toBe(may.disputes.groupDisputes);
    expect(sum(r.disputes, 'amountRecoveredFen')).toBe(may.disputes.amountRecoveredFen);
    expect(sum(r.complaints, 'handled')).toBe(may.complaints.handled);
    expect(sum(r.mediations, 'amountRecoveredFen')).toBe(may.mediations.amountRecoveredFen);
    expect(sum(r.alerts, 'red')).toBe(may.alerts.red);
    // Each disputes row is one sub-district x category x channel.
    const keys = r.disputes.map((d: any) => `${d.subDistrict}/${d.category}/${d.channel}`);
    expect(new Set(keys).size).toBe(keys.length);
    const oneRow = r.disputes[0];
    expect(oneRow.opened).toBe(
      log.disputes.filter((d) => d.subDistrict === oneRow.subDistrict && d.category === oneRow.category && d.channel === oneRow.channel && d.openedOn.startsWith('2022-05')).length,
    );
  });

  it('downloads as CSV with a BOM and Chinese headers, whose 合计 rows match the summary', async () => {
    const res = await app
      .http()
      .get('/api/v1/reports/monthly')
      .query({ month: '2022-05', format: 'csv' })
      .set(...bearer(admin))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="monthly-report-2022-05.csv"; filename\*=UTF-8''/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(new Set(rows.map((r) => r.length)).size).toBe(1); // every line has the same number of fields
    expect(rows[0][0]).toBe('深圳市龙岗区总工会诉求信息月报（2022年5月）');

    /** The rows of a section: from its header row to its 合计 row. */
    const section = (title: string) => {
      const start = rows.findIndex((r) => r[0] === title);
      expect(start).toBeGreaterThan(0);
      const end = rows.findIndex((r, i) => i > start && (r[0] === '合计' || r.every((c) => c === '')));
      return { header: rows[start + 1], body: rows.slice(start + 2, end), total: rows[end] };
    };
    const column = (s: ReturnType<typeof section>, name: string) => {
      const i = s.header.indexOf(name);
      expect(i).toBeGreaterThanOrEqual(0);
      return s.total[i];
    };

    const disputes = section('二、劳资纠纷调处（按街道、类别、渠道）');
    expect(disputes.header.slice(0, 5)).toEqual(['街道', '纠纷类别', '受理渠道', '新收（宗）', '调处办结（宗）']);
    expect(disputes.body.length).toBeGreaterThan(3);
    expect(Number(column(disputes, '新收（宗）'))).toBe(may.disputes.opened);
    expect(Number(column(disputes, '调处办结（宗）'))).toBe(may.disputes.resolved);
    expect(Number(column(disputes, '调解成功'))).toBe(may.disputes.byOutcome.agreement);
    expect(Number(column(disputes, '涉及职工30人以上（办结）'))).toBe(may.disputes.groupDisputes);
    expect(yuanToFen(column(disputes, '争取经济利益（元）'))).toBe(may.disputes.amountRecoveredFen);
    expect(disputes.body.some((r) => r[0] === '平湖街道' && r[1] === '欠薪')).toBe(true);

    const complaints = section('三、投诉反映问题（按街道、来源）');
    expect(Number(column(complaints, '收到（件）'))).toBe(may.complaints.received);
    expect(Number(column(complaints, '处置（件）'))).toBe(may.complaints.handled);

    const mediations = section('四、诉前调解（按街道、类别）');
    expect(Number(column(mediations, '受理（件）'))).toBe(may.mediations.referred);
    expect(Number(column(mediations, '办结（件）'))).toBe(may.mediations.concluded);
    expect(Number(column(mediations, '调解成功（件）'))).toBe(may.mediations.succeeded);
    expect(yuanToFen(column(mediations, '调解协议金额（元）'))).toBe(may.mediations.amountRecoveredFen);

    const alerts = section('五、预警信息（按街道）');
    expect(Number(column(alerts, '预警信息（条）'))).toBe(may.alerts.submitted);
    expect(Number(column(alerts, '红色'))).toBe(may.alerts.red);
    expect(Number(column(alerts, '黄色'))).toBe(may.alerts.yellow);
    expect(Number(column(alerts, '绿色'))).toBe(may.alerts.green);
    expect(Number(column(alerts, '升级上报'))).toBe(may.alerts.escalated);
    expect(Number(column(alerts, '转为纠纷案件'))).toBe(may.alerts.convertedToCases);

    const overview = rows.slice(rows.findIndex((r) => r[0] === '一、总体情况'));
    const value = (label: string) => overview.find((r) => r[0] === label)?.[1];
    expect(Number(value('调处劳资纠纷（宗）'))).toBe(may.disputes.resolved);
    expect(value('帮助职工争取经济利益（万元）')).toBe(fenToWan(may.disputes.amountRecoveredFen));
  });

  it('downloads as XLSX that exceljs reads back, with the same totals', async () => {
    const res = await app
      .http()
      .get('/api/v1/reports/monthly')
      .query({ month: '2022-05', format: 'xlsx' })
      .set(...bearer(districtSupervisor))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['总体情况', '劳资纠纷', '投诉反映问题', '诉前调解', '预警信息', '超期事项']);

    const totalOf = (sheetName: string, header: string): number => {
      const sheet = workbook.getWorksheet(sheetName)!;
      const headerRow = sheet.getRow(6);
      let col = 0;
      headerRow.eachCell((cell, i) => {
        if (cell.value === header) col = i;
      });
      expect(col).toBeGreaterThan(0);
      const last = sheet.getRow(sheet.rowCount);
      expect(last.getCell(1).value).toBe('合计');
      return last.getCell(col).value as number;
    };
    expect(totalOf('劳资纠纷', '调处办结（宗）')).toBe(may.disputes.resolved);
    expect(totalOf('劳资纠纷', '新收（宗）')).toBe(may.disputes.opened);
    expect(Math.round(totalOf('劳资纠纷', '争取经济利益（元）') * 100)).toBe(may.disputes.amountRecoveredFen);
    expect(totalOf('投诉反映问题', '处置（件）')).toBe(may.complaints.handled);
    expect(totalOf('诉前调解', '办结（件）')).toBe(may.mediations.concluded);
    expect(Math.round(totalOf('诉前调解', '调解协议金额（元）') * 100)).toBe(may.mediations.amountRecoveredFen);
    expect(totalOf('预警信息', '红色')).toBe(may.alerts.red);
    expect(totalOf('预警信息', '预警信息（条）')).toBe(may.alerts.submitted);
  });

  it('shows a supervisor of one sub-district their rows and their own totals', async () => {
    const { body } = await app.http().get('/api/v1/reports/monthly').query({ month: '2022-05' }).set(...bearer(pinghuSupervisor)).expect(200);
    expect(body.subDistrict).toBe('pinghu');
    expect(body.report.summary).toEqual(expectedSummary(log, '2022-05-01', '2022-05-31', 'pinghu'));
    expect(body.report.disputes.length).toBeGreaterThan(0);
    expect(body.report.disputes.every((d: { subDistrict: string }) => d.subDistrict === 'pinghu')).toBe(true);
    expect(body.report.disputes.reduce((t: number, d: { resolved: number }) => t + d.resolved, 0)).toBe(body.report.summary.disputes.resolved);
    await app.http().get('/api/v1/reports/monthly').query({ month: '2022-05', subDistrict: 'buji' }).set(...bearer(pinghuSupervisor)).expect(403);
  });

  it('is made by a BullMQ job scheduler at 08:00 on the 1st (Asia/Shanghai), once even when the job runs twice', async () => {
    const queue = app.worker.get<Queue<MonthlyReportJob>>(getQueueToken(REPORTS_QUEUE));
    const scheduler = await queue.getJobScheduler(MONTHLY_REPORT_SCHEDULER);
    expect(scheduler).toMatchObject({ pattern: '0 8 1 * *', tz: 'Asia/Shanghai' });

    const dataSource = app.worker.get(DataSource);
    const stored = async (month: string) =>
      Number((await dataSource.query(`SELECT count(*) AS n FROM reporting_monthly_reports WHERE month = $1`, [month]))[0].n);
    expect(await stored('2022-06')).toBe(0);

    // Two jobs for June at once through the queue, then the processor twice more by hand.
    await Promise.all([queue.add('monthly-report', { month: '2022-06' }), queue.add('monthly-report', { month: '2022-06' })]);
    const deadline = Date.now() + 30_000;
    while ((await stored('2022-06')) === 0 || (await queue.getActiveCount()) + (await queue.getWaitingCount()) > 0) {
      if (Date.now() > deadline) throw new Error('the monthly report jobs did not run');
      await new Promise((r) => setTimeout(r, 100));
    }
    const jobs = app.worker.get(MonthlyReportJobs);
    const runs = await Promise.all([jobs.run({ month: '2022-06' }), jobs.run({ month: '2022-06' })]);
    expect(runs).toEqual([
      { month: '2022-06', created: false },
      { month: '2022-06', created: false },
    ]);
    expect(await stored('2022-06')).toBe(1);
    const june = await app.http().get('/api/v1/reports/monthly').query({ month: '2022-06' }).set(...bearer(admin)).expect(200);
    expect(june.body.report.trigger).toBe('schedule');
    expect(june.body.report.summary).toEqual(expectedSummary(log, '2022-06-01', '2022-06-30'));

    // The scheduler's own jobs carry no month: the one before the current (Shanghai) month.
    app.clock.set(new Date('2023-04-01T00:00:00Z')); // 08:00 on 1 April in Shanghai
    try {
      const scheduled = await jobs.run({});
      expect(scheduled.month).toBe('2023-03');
      expect(await stored('2023-03')).toBe(1);
      const march = await app.http().get('/api/v1/reports/monthly').query({ month: '2023-03' }).set(...bearer(admin)).expect(200);
      expect(march.body.report.summary.disputes.resolved).toBe(1); // the case reopened and resolved again through the API
    } finally {
      app.clock.set(NOW);
    }
  });

  it('counts the clocks still running past their deadline at the month end', async () => {
    const { body } = await app.http().get('/api/v1/reports/monthly').query({ month: '2022-05' }).set(...bearer(admin)).expect(200);
    const dataSource = app.worker.get(DataSource);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM clocks WHERE running AND deadline_at < '2022-05-31T16:00:00Z'`);
    expect(n).toBeGreaterThan(0); // unfinished mediations referred before May
    expect(body.report.overdueClocksTotal).toBe(n); // made earlier in this file; none has stopped since
    expect(body.report.overdueClocks.reduce((t: number, r: { overdue: number }) => t + r.overdue, 0)).toBe(body.report.overdueClocksTotal);
  });
});
