import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';
import { openDisputeBody } from './support/bodies';

// 2026-03-10 10:00 in Shanghai: dates in request bodies must not be after it.
const NOW = new Date('2026-03-10T02:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

let app: TestApp;
let admin: string;
type User = { id: string; token: string };
let mediator: User; // pinghu
let otherMediator: User; // buji
let supervisor: User; // pinghu
let districtSupervisor: User; // whole district
let informant: User; // pinghu

beforeAll(async () => {
  app = await startTestApp('disputes', { now: NOW });
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

const openBody = (overrides: Record<string, unknown> = {}) =>
  openDisputeBody({
    claimants: [{ name: '张三', idNumber: ID_NUMBER, phone: PHONE }, { name: '李四' }],
    // These tests open the same workers' case against the same employer again and again, on purpose
    // (test/duplicates.e2e-spec.ts is about the question this answers in advance).
    confirmDuplicate: true,
    ...overrides,
  });

const post = (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

async function open(token = mediator.token, overrides: Record<string, unknown> = {}) {
  const res = await post(token, '/disputes', openBody(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; caseNo: string; version: number };
}

/** The case as the list shows it, once the projections have caught up. */
async function listed(id: string, token = admin) {
  await app.settled();
  const res = await get(token, '/disputes?pageSize=200');
  expect(res.status).toBe(200);
  return (res.body.items as Array<Record<string, unknown>>).find((item) => item.id === id);
}

const eventCount = () => app.requestEventCount();
const typesOf = async (id: string) => (await app.store.readStream(`dispute-${id}`)).map((e) => e.type);

describe('a dispute case from opening to reopening', () => {
  it('opens, assigns, logs steps, records recoveries, resolves and reopens; the list and the timeline follow each step', async () => {
    // Opened for the supervisor to assign (a mediator opening a case is otherwise assigned to it).
    const opened = await post(mediator.token, '/disputes', openBody({ assignToMe: false }));
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ id: expect.any(String), caseNo: expect.stringMatching(/^LG-PH-2026-\d{4}$/), version: 1 });
    expect(opened.headers.etag).toBe('"1"');
    const { id, caseNo } = opened.body;
    expect(await listed(id)).toMatchObject({
      caseNo,
      status: 'open',
      subDistrict: 'pinghu',
      channel: 'walk_in',
      category: 'wage_arrears',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      workersInvolved: 12,
      groupDispute: false,
      amountClaimedFen: 36_000_000,
      amountRecoveredFen: 0,
      openedOn: '2026-03-02',
      mediatorId: null,
      version: 1,
    });

    const assigned = await post(supervisor.token, `/disputes/${id}/assignments`, { mediatorId: mediator.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toEqual({ id, version: 2 });
    expect(assigned.headers.etag).toBe('"2"');
    expect(await listed(id)).toMatchObject({ mediatorId: mediator.id, version: 2 });

    const step = await post(mediator.token, `/disputes/${id}/steps`, { kind: 'contact', note: '电话联系企业负责人', occurredAt: '2026-03-03T10:00:00+08:00' });
    expect(step.body).toEqual({ id, version: 3 });
    await post(mediator.token, `/disputes/${id}/steps`, { kind: 'negotiation_session', note: '三方协商', occurredAt: '2026-03-05T14:30:00+08:00' }).expect(200);
    expect(await listed(id)).toMatchObject({ stepsLogged: 2, version: 4 });

    await post(mediator.token, `/disputes/${id}/recoveries`, { amountFen: 20_000_000, recoveredOn: '2026-03-08', note: '首期' }).expect(200);
    await post(mediator.token, `/disputes/${id}/recoveries`, { amountFen: 16_000_000, recoveredOn: '2026-03-09' }).expect(200);
    expect(await listed(id)).toMatchObject({ amountRecoveredFen: 36_000_000, version: 6 });

    const resolved = await post(mediator.token, `/disputes/${id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-03-10', note: '达成调解协议' });
    expect(resolved.body).toEqual({ id, version: 7 });
    expect(await listed(id)).toMatchObject({ status: 'resolved', outcome: 'agreement', resolvedOn: '2026-03-10', version: 7 });

    // No second resolution without a reopen; mediators may not reopen.
    expect((await post(mediator.token, `/disputes/${id}/resolution`, { outcome: 'withdrawn', resolvedOn: '2026-03-10' })).status).toBe(422);
    expect((await post(mediator.token, `/disputes/${id}/reopen`, { reason: '企业未按协议支付' })).status).toBe(403);
    const reopened = await post(supervisor.token, `/disputes/${id}/reopen`, { reason: '企业未按协议支付' });
    expect(reopened.body).toEqual({ id, version: 8 });
    expect(await listed(id)).toMatchObject({ status: 'open', outcome: null, resolvedOn: null, timesReopened: 1, version: 8 });

    const detail = await get(mediator.token, `/disputes/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.etag).toBe('"8"');
    expect(detail.body).toMatchObject({
      id,
      caseNo,
      status: 'open',
      mediatorId: mediator.id,
      stepsLogged: 2,
      firstNegotiationOn: '2026-03-05',
      amountRecoveredFen: 36_000_000,
      recoveriesRecorded: 2,
      timesReopened: 1,
      lastReopenedOn: '2026-03-10',
      version: 8,
    });

    const timeline = await get(supervisor.token, `/disputes/${id}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body).toMatchObject({ id, caseNo, version: 8 });
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toEqual([
      'DisputeOpened',
      'MediatorAssigned',
      'StepLogged',
      'StepLogged',
      'RecoveryRecorded',
      'RecoveryRecorded',
      'DisputeResolved',
      'DisputeReopened',
    ]);
    expect(timeline.body.events.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(timeline.body.events[0]).toMatchObject({ actorId: mediator.id, actorRole: 'mediator', recordedAt: expect.any(String) });
    expect(timeline.body.events[1]).toMatchObject({ actorId: supervisor.id, actorRole: 'supervisor', data: { mediatorId: mediator.id } });
    expect(timeline.body.events[7]).toMatchObject({ actorRole: 'supervisor', data: { reason: '企业未按协议支付', reopenedOn: '2026-03-10' } });
  });

  it('keeps the list\'s version current when others append to the case (the statutory clocks)', async () => {
    const { id } = await open();
    await app.store.append(`dispute-${id}`, [{ eventId: randomUUID(), type: 'ReminderDue', data: { clock: 'mediation' }, metadata: {} }], {
      expectedVersion: 1,
    });
    expect(await listed(id)).toMatchObject({ version: 2, status: 'open' });
    const detail = await get(mediator.token, `/disputes/${id}`);
    expect(detail.headers.etag).toBe('"2"');
    await post(mediator.token, `/disputes/${id}/steps`, { kind: 'note', note: '记录', occurredAt: '2026-03-03T10:00:00+08:00' }, { 'If-Match': '"2"' }).expect(200);
  });

  it('answers a mediator naming a colleague with 403 whatever the case: unassigned, or assigned to that colleague already', async () => {
    const unassigned = await open(mediator.token, { assignToMe: false });
    const refused = await post(mediator.token, `/disputes/${unassigned.id}/assignments`, { mediatorId: otherMediator.id });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([{ field: 'mediatorId', message: 'must be your own id (or me)' }]);
    await post(districtSupervisor.token, `/disputes/${unassigned.id}/assignments`, { mediatorId: otherMediator.id }).expect(200);
    // The walkthrough's wang: naming li on li's case was a 200 no-op, answered before the permission.
    const theirs = await post(mediator.token, `/disputes/${unassigned.id}/assignments`, { mediatorId: otherMediator.id });
    expect(theirs.status).toBe(403);
    expect(theirs.headers['content-type']).toContain('application/problem+json');
    expect(theirs.body.errors).toEqual([{ field: 'mediatorId', message: 'must be your own id (or me)' }]);
    expect(await typesOf(unassigned.id)).toEqual(['DisputeOpened', 'MediatorAssigned']);
  });

  it('refuses a mediator who is not an active mediator account, naming mediatorId', async () => {
    const { id } = await open();
    const retired = await app.user('mediator', 'pinghu');
    await app.http().patch(`/api/v1/users/${retired.id}`).set(...bearer(admin)).send({ active: false }).expect(200);
    for (const mediatorId of [supervisor.id, retired.id, randomUUID()]) {
      const res = await post(supervisor.token, `/disputes/${id}/assignments`, { mediatorId });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'mediatorId', message: expect.any(String) }]);
    }
    expect(await typesOf(id)).toEqual(['DisputeOpened']);
  });

  it('applies the domain rules: no dates in the future, no recovery 30 days after resolution', async () => {
    const before = await eventCount();
    const future = await post(mediator.token, '/disputes', openBody({ openedOn: '2026-03-11' }));
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'openedOn', message: expect.any(String) }]);
    // Refused before a case number was taken: the counter stream is untouched too.
    expect(await eventCount()).toBe(before);

    const { id } = await open();
    await post(mediator.token, `/disputes/${id}/steps`, { kind: 'note', note: '记录', occurredAt: '2026-03-01T10:00:00+08:00' }).expect(422);
    await post(mediator.token, `/disputes/${id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-03-10' }).expect(200);
    app.clock.advance(31 * DAY_MS);
    try {
      const late = await post(mediator.token, `/disputes/${id}/recoveries`, { amountFen: 100, recoveredOn: '2026-04-10' });
      expect(late.status).toBe(422);
    } finally {
      app.clock.set(NOW);
    }
  });
});

describe('group disputes', () => {
  it('flags a case opened with 30 or more workers and notifies the supervisors of its scope', async () => {
    const { id, caseNo } = await open(mediator.token, { workersInvolved: 35 });
    expect(await typesOf(id)).toEqual(['DisputeOpened', 'GroupDisputeFlagged']);
    expect(await listed(id)).toMatchObject({ groupDispute: true, workersInvolved: 35 });

    const groupOnly = await get(admin, '/disputes?groupDispute=true&pageSize=200');
    expect(groupOnly.body.items.map((d: { id: string }) => d.id)).toContain(id);
    expect(groupOnly.body.items.every((d: { groupDispute: boolean }) => d.groupDispute)).toBe(true);

    const expected = {
      kind: 'group_dispute_flagged',
      audience: { role: 'supervisor', subDistrict: 'pinghu', accountId: null },
      subject: { kind: 'dispute', stream: `dispute-${id}`, id },
      params: expect.objectContaining({ caseNo, workersInvolved: 35 }),
      title: { zh: expect.stringContaining(caseNo), en: expect.stringContaining(caseNo) },
      createdAt: expect.any(String),
    };
    for (const token of [supervisor.token, districtSupervisor.token, admin]) {
      const res = await get(token, '/notifications');
      expect(res.status).toBe(200);
      expect(res.body.items).toContainEqual(expect.objectContaining(expected));
    }
    // Not for the supervisor of another sub-district, nor for mediators (who have notifications of their own); informants have none.
    const elsewhere = await app.user('supervisor', 'buji');
    const theirs = await get(elsewhere.token, '/notifications');
    expect(theirs.body.items.filter((n: { subject: { id: string } }) => n.subject.id === id)).toEqual([]);
    const mediators = await get(mediator.token, '/notifications');
    expect(mediators.status).toBe(200);
    expect(mediators.body.items.filter((n: { kind: string }) => n.kind === 'group_dispute_flagged')).toEqual([]);
    expect((await get(informant.token, '/notifications')).status).toBe(403);
  });

  it('flags a case when the count of workers rises to 30, once', async () => {
    const { id } = await open();
    await post(mediator.token, `/disputes/${id}/workers-involved`, { workersInvolved: 30, reason: '更多职工加入' }).expect(200);
    await post(mediator.token, `/disputes/${id}/workers-involved`, { workersInvolved: 45 }).expect(200);
    expect(await typesOf(id)).toEqual(['DisputeOpened', 'WorkersInvolvedChanged', 'GroupDisputeFlagged', 'WorkersInvolvedChanged']);
    expect(await listed(id)).toMatchObject({ groupDispute: true, workersInvolved: 45 });
    const res = await get(supervisor.token, '/notifications?kind=group_dispute_flagged');
    expect(res.body.items.filter((n: { subject: { id: string } }) => n.subject.id === id)).toHaveLength(1);
  });
});

describe('input and preconditions', () => {
  it('answers an invalid credit code with 400 naming employer.creditCode, and appends nothing', async () => {
    const before = await eventCount();
    const res = await post(mediator.token, '/disputes', openBody({ employer: { name: '某公司', creditCode: '91440300708461136A' } }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['employer.creditCode']);
    expect(await eventCount()).toBe(before);
  });

  it('names every bad field at once', async () => {
    const res = await post(
      mediator.token,
      '/disputes',
      openBody({ subDistrict: 'atlantis', category: 'boredom', workersInvolved: 0, claimants: [{ name: '张三', idNumber: '110105194912310021' }] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'claimants.0.idNumber', 'subDistrict', 'workersInvolved']);
  });

  it('creates one case for a repeated Idempotency-Key, and refuses the key with another body', async () => {
    const key = randomUUID();
    const first = await post(mediator.token, '/disputes', openBody(), { 'Idempotency-Key': key });
    const second = await post(mediator.token, '/disputes', openBody(), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await typesOf(first.body.id)).toEqual(['DisputeOpened']);
    const allocations = (await app.store.readStream('case-numbers-LG-PH-2026')).filter((e) => e.data.disputeId === first.body.id);
    expect(allocations).toHaveLength(1);

    const other = await post(mediator.token, '/disputes', openBody({ summary: '另一件事' }), { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
  });

  it('derives the case id from the key: a retry after the answer was lost opens nothing more', async () => {
    const key = randomUUID();
    const first = await post(mediator.token, '/disputes', openBody(), { 'Idempotency-Key': key });
    // As if the first answer never got back and the interceptor had not kept it.
    await app.api.get(DataSource).query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
    const retry = await post(mediator.token, '/disputes', openBody(), { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await typesOf(first.body.id)).toEqual(['DisputeOpened']);
  });

  it('answers a stale If-Match with 412 and appends nothing', async () => {
    const { id } = await open();
    const step = { kind: 'contact', note: '电话联系', occurredAt: '2026-03-03T10:00:00+08:00' };
    await post(mediator.token, `/disputes/${id}/steps`, step, { 'If-Match': '"1"' }).expect(200);
    const stale = await post(mediator.token, `/disputes/${id}/steps`, step, { 'If-Match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect(await typesOf(id)).toEqual(['DisputeOpened', 'StepLogged']);
    await post(mediator.token, `/disputes/${id}/steps`, step, { 'If-Match': '"2"' }).expect(200);
  });

  it('numbers 20 concurrent openings in one sub-district 1 to 20, without gaps or doubles', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(admin, '/disputes', openBody({ subDistrict: 'henggang', summary: `并发立案 ${i}` }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.caseNo as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `LG-HG-2026-${String(i + 1).padStart(4, '0')}`));
  });
});

describe('scope and roles', () => {
  it('answers 404 for a case outside a mediator\'s sub-district, until it is assigned to them', async () => {
    const { id } = await open();
    const step = { kind: 'contact', note: '电话联系', occurredAt: '2026-03-03T10:00:00+08:00' };
    expect((await get(otherMediator.token, `/disputes/${id}`)).status).toBe(404);
    expect((await get(otherMediator.token, `/disputes/${id}/timeline`)).status).toBe(404);
    expect((await post(otherMediator.token, `/disputes/${id}/steps`, step)).status).toBe(404);
    expect(await typesOf(id)).toEqual(['DisputeOpened']);
    await app.settled();
    const theirList = await get(otherMediator.token, '/disputes?pageSize=200');
    expect(theirList.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
    // Asking for another sub-district's cases is refused, as on the statistics (one rule).
    const refused = await get(otherMediator.token, '/disputes?subDistrict=pinghu');
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'subDistrict' })]);

    await post(districtSupervisor.token, `/disputes/${id}/assignments`, { mediatorId: otherMediator.id }).expect(200);
    expect((await get(otherMediator.token, `/disputes/${id}`)).status).toBe(200);
    await post(otherMediator.token, `/disputes/${id}/steps`, step).expect(200);
    expect(await listed(id, otherMediator.token)).toBeDefined();
  });

  it('lets supervisors read only their scope', async () => {
    const { id } = await open(otherMediator.token, { subDistrict: 'buji' });
    expect((await get(supervisor.token, `/disputes/${id}`)).status).toBe(404);
    expect((await post(supervisor.token, `/disputes/${id}/assignments`, { mediatorId: mediator.id })).status).toBe(404);
    expect((await get(districtSupervisor.token, `/disputes/${id}`)).status).toBe(200);
    await app.settled();
    const pinghuOnly = await get(supervisor.token, '/disputes?pageSize=200');
    expect(pinghuOnly.body.items.length).toBeGreaterThan(0);
    expect(pinghuOnly.body.items.every((d: { subDistrict: string }) => d.subDistrict === 'pinghu')).toBe(true);
  });

  it('refuses to let a mediator open a case in another sub-district', async () => {
    const res = await post(mediator.token, '/disputes', openBody({ subDistrict: 'buji' }));
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([{ field: 'subDistrict', message: expect.any(String) }]);
  });

  it('gives informants 403 on every dispute route', async () => {
    const { id } = await open();
    expect((await get(informant.token, '/disputes')).status).toBe(403);
    expect((await get(informant.token, `/disputes/${id}`)).status).toBe(403);
    expect((await get(informant.token, `/disputes/${id}/timeline`)).status).toBe(403);
    expect((await post(informant.token, '/disputes', openBody())).status).toBe(403);
    expect((await post(informant.token, `/disputes/${id}/steps`, { kind: 'note', note: 'x', occurredAt: '2026-03-03T10:00:00+08:00' })).status).toBe(403);
  });

  it('filters the list and searches it', async () => {
    const { id, caseNo } = await open(mediator.token, {
      category: 'work_injury',
      channel: 'petition',
      openedOn: '2026-01-15',
      employer: { name: '龙岗精密模具厂', creditCode: '91350200776049653A' },
      claimants: [{ name: '欧阳娜娜' }],
    });
    await app.settled();
    const ids = async (query: string) => (await get(admin, `/disputes?pageSize=200&${query}`)).body.items.map((d: { id: string }) => d.id);
    expect(await ids('category=work_injury')).toEqual([id]);
    expect(await ids('channel=petition&subDistrict=pinghu')).toEqual([id]);
    expect(await ids('openedFrom=2026-01-01&openedTo=2026-01-31')).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent('精密模具')}`)).toEqual([id]);
    expect(await ids('q=91350200776049653A')).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent('欧阳')}`)).toEqual([id]);
    expect(await ids(`q=${caseNo}`)).toEqual([id]);
    expect(await ids('status=resolved&category=work_injury')).toEqual([]);
    const page = await get(admin, '/disputes?page=2&pageSize=1');
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, items: [expect.any(Object)] });
    expect(page.body.total).toBeGreaterThan(1);
    expect((await get(admin, '/disputes?status=closed')).status).toBe(400);
  });
});

describe('personal data', () => {
  it('shows claimants\' ID numbers and phones in full only on the detail, to admins and mediators', async () => {
    const { id } = await open();
    // Each claimant is a person (personId: their data's key, what an erasure names), the same one in every view.
    const [zhang, li] = ((await get(admin, `/disputes/${id}`)).body.claimants as { personId: string }[]).map((c) => c.personId);
    expect(zhang).toMatch(/^[0-9a-f-]{36}$/);
    expect(li).not.toBe(zhang);
    const full = [{ name: '张三', idNumber: ID_NUMBER, phone: PHONE, personId: zhang }, { name: '李四', personId: li }];
    const masked = [{ name: '张三', idNumber: '110105********002X', phone: '138****5678', personId: zhang }, { name: '李四', personId: li }];
    expect((await get(mediator.token, `/disputes/${id}`)).body.claimants).toEqual(full);
    expect((await get(admin, `/disputes/${id}`)).body.claimants).toEqual(full);
    expect((await get(supervisor.token, `/disputes/${id}`)).body.claimants).toEqual(masked);
    expect((await get(districtSupervisor.token, `/disputes/${id}`)).body.claimants).toEqual(masked);

    // The list and the timeline mask them for everyone.
    expect((await listed(id, admin))?.claimants).toEqual(masked);
    const timeline = await get(mediator.token, `/disputes/${id}/timeline`);
    expect(timeline.body.events[0].data.claimants).toEqual(masked);
    expect(JSON.stringify(timeline.body)).not.toContain(ID_NUMBER);
    await app.settled();
    expect(JSON.stringify((await get(admin, '/disputes?pageSize=200')).body)).not.toContain(ID_NUMBER);
  });
});
