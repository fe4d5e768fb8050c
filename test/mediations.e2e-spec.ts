import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MEDIATION_EVENT_TYPES } from '@lc/mediations';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

// 2026-03-10 10:00 in Shanghai: dates in request bodies must not be after it.
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
let admin: string;
type User = { id: string; token: string };
let mediator: User; // pinghu
let otherMediator: User; // buji
let supervisor: User; // pinghu
let districtSupervisor: User; // whole district
let informant: User; // pinghu

beforeAll(async () => {
  app = await startTestApp('mediations', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  mediator = await app.user('mediator', 'pinghu');
  otherMediator = await app.user('mediator', 'buji');
  supervisor = await app.user('supervisor', 'pinghu');
  districtSupervisor = await app.user('supervisor');
  informant = await app.user('informant', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});

const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';
const WORKERS_SENT = [{ name: '张三', idNumber: ID_NUMBER, phone: PHONE }, { name: '李四' }];
// Each worker is a person (personId: their data's key, what an erasure names): '张三' is one person in every referral (their ID number says so).
const WORKERS = [
  { name: '张三', idNumber: ID_NUMBER, phone: PHONE, personId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
  { name: '李四', personId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
];
const MASKED_WORKERS = [
  { name: '张三', idNumber: '110105********002X', phone: '138****5678', personId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
  { name: '李四', personId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
];

let caseNumbers = 0;
const referBody = (overrides: Record<string, unknown> = {}) => ({
  court: '深圳市龙岗区人民法院',
  courtCaseNo: `（2026）粤0307民诉前调${1000 + ++caseNumbers}号`,
  referredOn: '2026-03-02',
  subDistrict: 'pinghu',
  category: 'wage_arrears',
  employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  workers: WORKERS_SENT,
  claimAmountFen: 12_000_000,
  ...overrides,
});
const agreementBody = { amountFen: 10_000_000, agreedOn: '2026-03-09', paymentTerms: '2026年4月30日前一次性支付' };

const post = (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

async function refer(token = mediator.token, overrides: Record<string, unknown> = {}) {
  const res = await post(token, '/mediations', referBody(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

/**
 * The mediation as the list shows it, once the projection has applied every event of its stream.
 * settled() alone can answer a moment early: an append that commits while an older transaction is
 * still open (a projection's batch) stays below the readers' horizon, so no projection sees it yet.
 */
async function listed(id: string, token = admin) {
  const stream = await app.store.readStream(`mediation-${id}`);
  const version = stream.length ? stream[stream.length - 1].streamVersion : 0;
  const deadline = Date.now() + 10_000;
  for (;;) {
    await app.settled();
    const res = await get(token, '/mediations?pageSize=200');
    expect(res.status).toBe(200);
    const item = (res.body.items as Array<Record<string, unknown>>).find((each) => each.id === id);
    if ((item && (item.version as number) >= version) || Date.now() > deadline) return item;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Events of mediations anywhere in the store. Not every event: the statutory clocks append theirs
 * on their own schedule (a mediation referred long ago is overdue at once).
 */
const eventCount = async () => (await app.store.readAll({ maxCount: 1_000_000, filter: { eventTypes: [...MEDIATION_EVENT_TYPES] } })).length;
/** The mediation's own events: the statutory clocks may append theirs to the same stream. */
const typesOf = async (id: string) =>
  (await app.store.readStream(`mediation-${id}`)).map((e) => e.type).filter((t) => (MEDIATION_EVENT_TYPES as readonly string[]).includes(t));

describe('a mediation from referral to judicial confirmation', () => {
  it('refers, assigns, holds sessions, extends, agrees, applies for and gets judicial confirmation; the list, timeline and amount follow', async () => {
    // Recorded for the supervisor to assign (a mediator recording a referral is otherwise assigned to it).
    const referred = await post(mediator.token, '/mediations', referBody({ courtCaseNo: '（2026）粤0307民诉前调0001号', assignToMe: false }));
    expect(referred.status).toBe(201);
    expect(referred.body).toEqual({ id: expect.any(String), version: 1 });
    expect(referred.headers.etag).toBe('"1"');
    const { id } = referred.body;
    expect(await listed(id)).toMatchObject({
      court: '深圳市龙岗区人民法院',
      courtCaseNo: '（2026）粤0307民诉前调0001号',
      status: 'referred',
      subDistrict: 'pinghu',
      category: 'wage_arrears',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      workers: MASKED_WORKERS,
      claimAmountFen: 12_000_000,
      referredOn: '2026-03-02',
      mediatorId: null,
      extraDays: 0,
      deadlineOn: '2026-04-01',
      agreedOn: null,
      amountFen: null,
      judicialConfirmation: 'not_applied',
      version: 1,
    });

    const assigned = await post(supervisor.token, `/mediations/${id}/assignments`, { mediatorId: mediator.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toEqual({ id, version: 2 });
    expect(assigned.headers.etag).toBe('"2"');
    expect(await listed(id)).toMatchObject({ status: 'in_progress', mediatorId: mediator.id, version: 2 });

    const first = await post(mediator.token, `/mediations/${id}/sessions`, { heldOn: '2026-03-04', form: 'in_person', note: '三方面对面调解' });
    expect(first.body).toEqual({ id, version: 3 });
    await post(mediator.token, `/mediations/${id}/sessions`, { heldOn: '2026-03-06', form: 'video', note: '视频调解，企业同意分期' }).expect(200);
    expect(await listed(id)).toMatchObject({ sessionsHeld: 2, lastSessionOn: '2026-03-06', version: 4 });

    const extended = await post(mediator.token, `/mediations/${id}/extension`, { extraDays: 15, agreedOn: '2026-03-08', note: '双方同意延长调解期' });
    expect(extended.body).toEqual({ id, version: 5 });
    expect(await listed(id)).toMatchObject({ extraDays: 15, deadlineOn: '2026-04-16', version: 5 });
    // Once only.
    expect((await post(mediator.token, `/mediations/${id}/extension`, { extraDays: 5, agreedOn: '2026-03-09' })).status).toBe(422);

    const agreed = await post(mediator.token, `/mediations/${id}/agreement`, agreementBody);
    expect(agreed.body).toEqual({ id, version: 6 });
    expect(await listed(id)).toMatchObject({
      status: 'agreed',
      agreedOn: '2026-03-09',
      amountFen: 10_000_000,
      judicialConfirmation: 'not_applied',
      judicialConfirmationDeadlineOn: '2026-04-08',
      version: 6,
    });

    const applied = await post(mediator.token, `/mediations/${id}/judicial-confirmation`, { status: 'applied', on: '2026-03-10' });
    expect(applied.body).toEqual({ id, version: 7 });
    expect(await listed(id)).toMatchObject({ judicialConfirmation: 'applied', judicialConfirmationAppliedOn: '2026-03-10', version: 7 });

    // The court decides some days later.
    app.clock.set(new Date('2026-03-16T02:00:00Z'));
    try {
      const granted = await post(mediator.token, `/mediations/${id}/judicial-confirmation`, { status: 'granted', on: '2026-03-16' });
      expect(granted.status).toBe(200);
      expect(granted.body).toEqual({ id, version: 8 });
    } finally {
      app.clock.set(NOW);
    }
    expect(await listed(id)).toMatchObject({
      status: 'agreed',
      judicialConfirmation: 'granted',
      judicialConfirmationDecidedOn: '2026-03-16',
      version: 8,
    });

    // The amount won counts on the agreement date.
    const onTheDay = await get(admin, '/mediations?agreedFrom=2026-03-09&agreedTo=2026-03-09&pageSize=200');
    expect(onTheDay.body.items.map((m: { id: string }) => m.id)).toContain(id);
    expect(onTheDay.body.items.find((m: { id: string }) => m.id === id).amountFen).toBe(10_000_000);
    const later = await get(admin, '/mediations?agreedFrom=2026-03-10&pageSize=200');
    expect(later.body.items.map((m: { id: string }) => m.id)).not.toContain(id);

    const detail = await get(mediator.token, `/mediations/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.etag).toBe('"8"');
    expect(detail.body).toMatchObject({
      id,
      courtCaseNo: '（2026）粤0307民诉前调0001号',
      status: 'agreed',
      mediatorId: mediator.id,
      workers: WORKERS,
      sessionsHeld: 2,
      extraDays: 15,
      extendedOn: '2026-03-08',
      deadlineOn: '2026-04-16',
      agreedOn: '2026-03-09',
      amountFen: 10_000_000,
      paymentTerms: '2026年4月30日前一次性支付',
      judicialConfirmation: 'granted',
      judicialConfirmationAppliedOn: '2026-03-10',
      judicialConfirmationDecidedOn: '2026-03-16',
      judicialConfirmationDeadlineOn: '2026-04-08',
      version: 8,
    });
    expect(detail.body.mediationId).toBeUndefined();

    const timeline = await get(supervisor.token, `/mediations/${id}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.headers.etag).toBe('"8"');
    expect(timeline.body).toMatchObject({ id, courtCaseNo: '（2026）粤0307民诉前调0001号', version: 8 });
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toEqual([
      'MediationReferred',
      'MediationMediatorAssigned',
      'MediationSessionHeld',
      'MediationSessionHeld',
      'MediationExtended',
      'MediationAgreementReached',
      'JudicialConfirmationApplied',
      'JudicialConfirmationGranted',
    ]);
    expect(timeline.body.events.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(timeline.body.events[0]).toMatchObject({ actorId: mediator.id, actorRole: 'mediator', recordedAt: expect.any(String) });
    expect(timeline.body.events[0].data.workers).toEqual(MASKED_WORKERS);
    expect(timeline.body.events[1]).toMatchObject({ actorId: supervisor.id, actorRole: 'supervisor', data: { mediatorId: mediator.id } });
    expect(timeline.body.events[5].data).toEqual(agreementBody);

    // Ended: no second agreement, no failure, no withdrawal, no second decision.
    expect((await post(mediator.token, `/mediations/${id}/agreement`, agreementBody)).status).toBe(422);
    expect((await post(mediator.token, `/mediations/${id}/failure`, { reason: '企业反悔', failedOn: '2026-03-10' })).status).toBe(422);
    expect((await post(mediator.token, `/mediations/${id}/withdrawal`, {})).status).toBe(422);
    expect((await post(mediator.token, `/mediations/${id}/judicial-confirmation`, { status: 'refused', on: '2026-03-10' })).status).toBe(422);
    expect(await typesOf(id)).toHaveLength(8);
  });

  it('records a failure (the case returns to the court) and a withdrawal', async () => {
    const failing = await refer();
    const failed = await post(mediator.token, `/mediations/${failing.id}/failure`, { reason: '企业拒绝调解', failedOn: '2026-03-09' });
    expect(failed.body).toEqual({ id: failing.id, version: 2 });
    expect(await listed(failing.id)).toMatchObject({ status: 'failed', failedOn: '2026-03-09', amountFen: null });
    expect((await get(mediator.token, `/mediations/${failing.id}`)).body).toMatchObject({ status: 'failed', failureReason: '企业拒绝调解' });
    expect((await post(mediator.token, `/mediations/${failing.id}/sessions`, { heldOn: '2026-03-09', form: 'phone', note: '电话' })).status).toBe(422);

    const withdrawing = await refer();
    await post(mediator.token, `/mediations/${withdrawing.id}/withdrawal`, { reason: '劳动者撤回申请' }).expect(200);
    expect(await listed(withdrawing.id)).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-03-10' });
    expect(await typesOf(withdrawing.id)).toEqual(['MediationReferred', 'MediationWithdrawn']);
  });

  it('applies the domain rules: no dates in the future or before the referral, no extension after the period, confirmation only after an agreement', async () => {
    const before = await eventCount();
    const future = await post(mediator.token, '/mediations', referBody({ referredOn: '2026-03-11' }));
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'referredOn', message: expect.any(String) }]);
    expect(await eventCount()).toBe(before);

    const { id } = await refer();
    const early = await post(mediator.token, `/mediations/${id}/sessions`, { heldOn: '2026-03-01', form: 'phone', note: '电话' });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([{ field: 'heldOn', message: expect.any(String) }]);
    const notYet = await post(mediator.token, `/mediations/${id}/judicial-confirmation`, { status: 'applied', on: '2026-03-10' });
    expect(notYet.status).toBe(422);
    expect(notYet.body.errors).toEqual([{ field: 'status', message: expect.any(String) }]);

    // Referred 2026-02-01: the period ended on 2026-03-03.
    const old = await refer(mediator.token, { referredOn: '2026-02-01' });
    const late = await post(mediator.token, `/mediations/${old.id}/extension`, { extraDays: 10, agreedOn: '2026-03-05' });
    expect(late.status).toBe(422);
    expect(late.body.errors).toEqual([{ field: 'agreedOn', message: expect.any(String) }]);
    expect(await typesOf(id)).toEqual(['MediationReferred']);
    expect(await typesOf(old.id)).toEqual(['MediationReferred']);
  });

  it('refuses an assignment to anyone but an active mediator, naming mediatorId', async () => {
    const { id } = await refer();
    for (const mediatorId of [supervisor.id, randomUUID()]) {
      const res = await post(supervisor.token, `/mediations/${id}/assignments`, { mediatorId });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'mediatorId', message: expect.any(String) }]);
    }
    expect(await typesOf(id)).toEqual(['MediationReferred']);
  });
});

describe('input and preconditions', () => {
  it('answers an invalid credit code with 400 naming employer.creditCode, and appends nothing', async () => {
    const before = await eventCount();
    const res = await post(mediator.token, '/mediations', referBody({ employer: { name: '某公司', creditCode: '91440300708461136A' } }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['employer.creditCode']);
    expect(await eventCount()).toBe(before);
  });

  it('names every bad field at once, and names fields of the other requests', async () => {
    const res = await post(
      mediator.token,
      '/mediations',
      referBody({ subDistrict: 'atlantis', category: 'boredom', claimAmountFen: -1, workers: [{ name: '张三', idNumber: '110105194912310021' }], court: '' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'claimAmountFen', 'court', 'subDistrict', 'workers.0.idNumber']);
    expect(JSON.stringify(res.body)).not.toContain('110105194912310021');

    const { id } = await refer();
    const fields = async (path: string, body: unknown) => {
      const bad = await post(mediator.token, `/mediations/${id}${path}`, body);
      expect(bad.status).toBe(400);
      return bad.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields('/sessions', { heldOn: '2026-03-05', form: 'letter', note: '' })).toEqual(['form', 'note']);
    expect(await fields('/extension', { extraDays: 31, agreedOn: '2026-03-05' })).toEqual(['extraDays']);
    expect(await fields('/agreement', { ...agreementBody, amountFen: 0 })).toEqual(['amountFen']);
    expect(await fields('/judicial-confirmation', { status: 'pending', on: '2026-03-05' })).toEqual(['status']);
    expect(await fields('/failure', { failedOn: '2026-03-05' })).toEqual(['reason']);
    expect(await fields('/withdrawal', { withdrawnOn: '2026-02-30' })).toEqual(['withdrawnOn']);
    expect(await typesOf(id)).toEqual(['MediationReferred']);
  });

  it('records one referral for a repeated Idempotency-Key, and refuses the key with another body', async () => {
    const key = randomUUID();
    const body = referBody();
    const first = await post(mediator.token, '/mediations', body, { 'Idempotency-Key': key });
    const second = await post(mediator.token, '/mediations', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await typesOf(first.body.id)).toEqual(['MediationReferred']);

    const other = await post(mediator.token, '/mediations', { ...body, claimAmountFen: 1 }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
  });

  it('derives the mediation id from the key: a retry after the answer was lost records nothing more', async () => {
    const key = randomUUID();
    const body = referBody();
    const first = await post(mediator.token, '/mediations', body, { 'Idempotency-Key': key });
    // As if the first answer never got back and the interceptor had not kept it.
    await app.api.get(DataSource).query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
    const retry = await post(mediator.token, '/mediations', body, { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await typesOf(first.body.id)).toEqual(['MediationReferred']);

    // The same for a session: one event however often it is sent.
    const session = { heldOn: '2026-03-05', form: 'phone', note: '电话调解' };
    const sessionKey = randomUUID();
    await post(mediator.token, `/mediations/${first.body.id}/sessions`, session, { 'Idempotency-Key': sessionKey }).expect(200);
    await app.api.get(DataSource).query(`DELETE FROM idempotency_keys WHERE key = $1`, [sessionKey]);
    await post(mediator.token, `/mediations/${first.body.id}/sessions`, session, { 'Idempotency-Key': sessionKey }).expect(200);
    expect(await typesOf(first.body.id)).toEqual(['MediationReferred', 'MediationSessionHeld']);
  });

  it('answers a stale If-Match with 412 and appends nothing', async () => {
    const { id } = await refer();
    const session = { heldOn: '2026-03-05', form: 'phone', note: '电话调解' };
    await post(mediator.token, `/mediations/${id}/sessions`, session, { 'If-Match': '"1"' }).expect(200);
    const stale = await post(mediator.token, `/mediations/${id}/sessions`, session, { 'If-Match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    expect(stale.body.code).toBe('precondition_failed');
    const staleAgreement = await post(mediator.token, `/mediations/${id}/agreement`, agreementBody, { 'If-Match': '"1"' });
    expect(staleAgreement.status).toBe(412);
    expect(await typesOf(id)).toEqual(['MediationReferred', 'MediationSessionHeld']);
    await post(mediator.token, `/mediations/${id}/agreement`, agreementBody, { 'If-Match': '"2"' }).expect(200);
  });

  it('lets concurrent writes win or lose the race (409), never both', async () => {
    const { id } = await refer();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post(mediator.token, `/mediations/${id}/sessions`, { heldOn: '2026-03-05', form: 'phone', note: `并发记录 ${i}` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(statuses).toContain(200);
    const sessions = (await typesOf(id)).filter((t) => t === 'MediationSessionHeld');
    expect(sessions).toHaveLength(statuses.filter((s) => s === 200).length);
  });
});

describe('scope and roles', () => {
  it("answers 404 for a mediation outside a mediator's sub-district, until it is assigned to them", async () => {
    const { id } = await refer();
    const session = { heldOn: '2026-03-05', form: 'phone', note: '电话调解' };
    expect((await get(otherMediator.token, `/mediations/${id}`)).status).toBe(404);
    expect((await get(otherMediator.token, `/mediations/${id}/timeline`)).status).toBe(404);
    expect((await post(otherMediator.token, `/mediations/${id}/sessions`, session)).status).toBe(404);
    expect((await post(otherMediator.token, `/mediations/${id}/agreement`, agreementBody)).status).toBe(404);
    expect(await typesOf(id)).toEqual(['MediationReferred']);
    expect(await listed(id)).toBeDefined();
    expect((await get(otherMediator.token, '/mediations?pageSize=200')).body.items.map((m: { id: string }) => m.id)).not.toContain(id);
    expect((await get(otherMediator.token, '/mediations?subDistrict=pinghu')).status).toBe(403);

    await post(districtSupervisor.token, `/mediations/${id}/assignments`, { mediatorId: otherMediator.id }).expect(200);
    expect((await get(otherMediator.token, `/mediations/${id}`)).status).toBe(200);
    await post(otherMediator.token, `/mediations/${id}/sessions`, session).expect(200);
    expect(await listed(id, otherMediator.token)).toBeDefined();
  });

  it('lets supervisors read and assign only in their scope, and not work mediations', async () => {
    const { id } = await refer(otherMediator.token, { subDistrict: 'buji' });
    expect((await get(supervisor.token, `/mediations/${id}`)).status).toBe(404);
    expect((await post(supervisor.token, `/mediations/${id}/assignments`, { mediatorId: mediator.id })).status).toBe(404);
    expect((await get(districtSupervisor.token, `/mediations/${id}`)).status).toBe(200);
    expect((await post(districtSupervisor.token, `/mediations/${id}/agreement`, agreementBody)).status).toBe(403);
    expect((await post(supervisor.token, '/mediations', referBody())).status).toBe(403);
    expect(await listed(id)).toBeDefined();
    const pinghuOnly = await get(supervisor.token, '/mediations?pageSize=200');
    expect(pinghuOnly.body.items.length).toBeGreaterThan(0);
    expect(pinghuOnly.body.items.every((m: { subDistrict: string }) => m.subDistrict === 'pinghu')).toBe(true);
  });

  it('refuses to let a mediator record a referral for another sub-district, or assign someone else', async () => {
    const res = await post(mediator.token, '/mediations', referBody({ subDistrict: 'buji' }));
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([{ field: 'subDistrict', message: expect.any(String) }]);
    const { id } = await refer();
    // A mediator takes work for themselves only (issue 10); handing it to others is for supervisors.
    expect((await post(mediator.token, `/mediations/${id}/assignments`, { mediatorId: otherMediator.id })).status).toBe(403);
  });

  it('answers a mediator naming a colleague with 403 also when the mediation is that colleague’s already (not a 200 no-op)', async () => {
    const { id } = await refer(mediator.token, { assignToMe: false });
    await post(districtSupervisor.token, `/mediations/${id}/assignments`, { mediatorId: otherMediator.id }).expect(200);
    const res = await post(mediator.token, `/mediations/${id}/assignments`, { mediatorId: otherMediator.id });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ field: 'mediatorId', message: 'must be your own id (or me)' }]);
    expect(await typesOf(id)).toEqual(['MediationReferred', 'MediationMediatorAssigned']);
  });

  it('gives informants 403 on every mediation route', async () => {
    const { id } = await refer();
    expect((await get(informant.token, '/mediations')).status).toBe(403);
    expect((await get(informant.token, `/mediations/${id}`)).status).toBe(403);
    expect((await get(informant.token, `/mediations/${id}/timeline`)).status).toBe(403);
    expect((await post(informant.token, '/mediations', referBody())).status).toBe(403);
    expect((await post(informant.token, `/mediations/${id}/sessions`, { heldOn: '2026-03-05', form: 'phone', note: 'x' })).status).toBe(403);
    expect(await typesOf(id)).toEqual(['MediationReferred']);
  });

  it('filters the list and searches it', async () => {
    const { id } = await refer(mediator.token, {
      courtCaseNo: '（2026）粤0307民诉前调9876号',
      category: 'work_injury',
      referredOn: '2026-01-15',
      employer: { name: '龙岗精密模具厂', creditCode: '91350200776049653A' },
      workers: [{ name: '欧阳娜娜' }],
    });
    await post(supervisor.token, `/mediations/${id}/assignments`, { mediatorId: mediator.id }).expect(200);
    expect(await listed(id)).toMatchObject({ status: 'in_progress' });
    const ids = async (query: string) => (await get(admin, `/mediations?pageSize=200&${query}`)).body.items.map((m: { id: string }) => m.id);
    expect(await ids('category=work_injury')).toEqual([id]);
    expect(await ids('referredFrom=2026-01-01&referredTo=2026-01-31')).toEqual([id]);
    expect(await ids('category=work_injury&status=in_progress&subDistrict=pinghu')).toEqual([id]);
    expect(await ids(`category=work_injury&mediatorId=${mediator.id}`)).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent('9876')}`)).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent('精密模具')}`)).toEqual([id]);
    expect(await ids('q=91350200776049653A')).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent('欧阳')}`)).toEqual([id]);
    expect(await ids('status=agreed&category=work_injury')).toEqual([]);
    const page = await get(admin, '/mediations?page=2&pageSize=1');
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, items: [expect.any(Object)] });
    expect(page.body.total).toBeGreaterThan(1);
    expect((await get(admin, '/mediations?status=closed')).status).toBe(400);
  });
});

describe('personal data', () => {
  it("shows workers' ID numbers and phones in full only on the detail, to admins and mediators", async () => {
    const { id } = await refer();
    const personIds = ((await get(admin, `/mediations/${id}`)).body.workers as { personId: string }[]).map((w) => w.personId);
    const { id: other } = await refer();
    expect(((await get(admin, `/mediations/${other}`)).body.workers as { personId: string }[])[0].personId).toBe(personIds[0]);
    expect(personIds[1]).not.toBe(personIds[0]);
    expect((await get(mediator.token, `/mediations/${id}`)).body.workers).toEqual(WORKERS);
    expect((await get(admin, `/mediations/${id}`)).body.workers).toEqual(WORKERS);
    expect((await get(supervisor.token, `/mediations/${id}`)).body.workers).toEqual(MASKED_WORKERS);
    expect((await get(districtSupervisor.token, `/mediations/${id}`)).body.workers).toEqual(MASKED_WORKERS);

    expect((await listed(id, admin))?.workers).toEqual(MASKED_WORKERS);
    const timeline = await get(mediator.token, `/mediations/${id}/timeline`);
    expect(timeline.body.events[0].data.workers).toEqual(MASKED_WORKERS);
    expect(JSON.stringify(timeline.body)).not.toContain(ID_NUMBER);
    expect(JSON.stringify((await get(admin, '/mediations?pageSize=200')).body)).not.toContain(ID_NUMBER);
  });
});

// Last: moving the clock past deadlines lets the statutory clocks append to every running mediation.
describe('the judicial confirmation window', () => {
  it('refuses an application more than 30 days after the agreement (422), and accepts one dated within it', async () => {
    const { id } = await refer();
    await post(mediator.token, `/mediations/${id}/agreement`, agreementBody).expect(200);
    // 2026-04-09 in Shanghai: 31 days after the agreement of 2026-03-09.
    app.clock.set(new Date('2026-04-09T02:00:00Z'));
    try {
      const late = await post(mediator.token, `/mediations/${id}/judicial-confirmation`, { status: 'applied', on: '2026-04-09' });
      expect(late.status).toBe(422);
      expect(late.headers['content-type']).toMatch(/problem\+json/);
      expect(late.body.errors).toEqual([{ field: 'on', message: expect.stringContaining('2026-04-08') }]);
      expect(await typesOf(id)).toEqual(['MediationReferred', 'MediationAgreementReached']);

      // Recorded late, but applied for on the window's last day.
      await post(mediator.token, `/mediations/${id}/judicial-confirmation`, { status: 'applied', on: '2026-04-08' }).expect(200);
      expect(await typesOf(id)).toEqual(['MediationReferred', 'MediationAgreementReached', 'JudicialConfirmationApplied']);
    } finally {
      app.clock.set(NOW);
    }
  });
});
