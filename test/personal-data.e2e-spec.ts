import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ProjectionRegistry, rebuildProjection } from '@lc/projections';
import { chinaTime } from '@lc/http';
import { ERASED } from '@lc/reference-data';
import { recordMeasurement } from './faults/measurements';
import { bearer, startTestApp, TestApp } from './support/test-app';

/*
 * Personal data (PIPL, issue 12 §6): claimants', workers' and informants' names, ID numbers and
 * phones are sealed in the event log under per-person keys; erasing a person destroys their key,
 * and from then on every read model, detail, timeline, export and a full rebuild shows 已删除
 * while every count and amount stays exactly as it was. An informant's login account carries no
 * copy of their name (it is known by its username), so no scan below leaves anything out.
 */

const NOW = new Date('2026-03-15T02:00:00Z');
const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';
const INFORMANT_PHONE = '13987654321';
const SECRETS = ['张三', ID_NUMBER, '110105194912310', PHONE, '陈小红', INFORMANT_PHONE];
const CREDIT_CODE = '91440300708461136T';

let app: TestApp;
let admin: string;
let supervisor: string;
let mediator: string;
let disputeId: string;
let mediationId: string;
let informantId: string;

/** What this run did and saw, for docs/reliability.md (reports/reliability/personal-data.json). */
const measured = { requests: 0, serverErrors: 0, eventRowsScanned: 0, tablesScanned: 0, projectionsRebuilt: 0, leaksFound: 0 };
const count = (res: { status: number }) => {
  measured.requests += 1;
  if (res.status >= 500) measured.serverErrors += 1;
};
const post = (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers).on('response', count).send(body as object);
const get = (token: string, path: string, headers: Record<string, string> = {}) =>
  app.http().get(`/api/v1${path}`).set(...bearer(token)).set(headers).on('response', count);

/** Everything a person's data could leak through, as one object per view. */
async function views() {
  await app.settled();
  const [dispute, disputes, disputeTimeline, mediation, mediations, mediationTimeline, informant, informants, account, accounts, enterprise, summary, report] = await Promise.all([
    get(admin, `/disputes/${disputeId}`),
    get(admin, '/disputes?pageSize=200'),
    get(admin, `/disputes/${disputeId}/timeline`),
    get(admin, `/mediations/${mediationId}`),
    get(admin, '/mediations?pageSize=200'),
    get(admin, `/mediations/${mediationId}/timeline`),
    get(admin, `/informants/${informantId}`),
    get(admin, '/informants?pageSize=200'),
    // The informant's login account, alone and in the users list, and the enterprise they cover.
    get(admin, `/users/${informantId}`),
    get(admin, '/users?pageSize=200'),
    get(admin, `/enterprises/${CREDIT_CODE}`),
    get(admin, '/stats/summary?from=2026-02-01&to=2026-03-15'),
    get(admin, '/reports/monthly?month=2026-02&format=csv').buffer(true),
  ]);
  for (const res of [dispute, disputes, disputeTimeline, mediation, mediations, mediationTimeline, informant, informants, account, accounts, enterprise, summary, report]) {
    expect(res.status).toBe(200);
  }
  return { dispute, disputes, disputeTimeline, mediation, mediations, mediationTimeline, informant, informants, account, accounts, enterprise, summary, report };
}

/** A figure's body without what says how current it is (that moves with every event, an erasure's too). */
function withoutFreshness(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !['freshness', 'asOf', 'generatedAt'].includes(key)));
}

/** The counts and amounts every view shows, which an erasure must leave exactly as they were. */
function figures(v: Awaited<ReturnType<typeof views>>) {
  const listedDispute = v.disputes.body.items.find((d: { id: string }) => d.id === disputeId);
  const listedMediation = v.mediations.body.items.find((m: { id: string }) => m.id === mediationId);
  return {
    disputes: v.disputes.body.total,
    mediations: v.mediations.body.total,
    informants: v.informants.body.total,
    dispute: {
      claimants: v.dispute.body.claimants.length,
      workersInvolved: v.dispute.body.workersInvolved,
      amountClaimedFen: v.dispute.body.amountClaimedFen,
      amountRecoveredFen: v.dispute.body.amountRecoveredFen,
      listedRecoveredFen: listedDispute.amountRecoveredFen,
      version: v.dispute.body.version,
    },
    mediation: { workers: v.mediation.body.workers.length, amountWonFen: listedMediation.amountWonFen, claimAmountFen: v.mediation.body.claimAmountFen },
    timelines: [v.disputeTimeline.body.events.length, v.mediationTimeline.body.events.length],
    summary: withoutFreshness(v.summary.body),
    report: v.report.text.replace(/^.*生成时间.*$/m, ''),
  };
}

beforeAll(async () => {
  app = await startTestApp('personal-data', { now: NOW });
  admin = await app.login('admin', 'Test-Secret-Passw0rd');
  supervisor = (await app.user('supervisor', 'pinghu')).token;
  mediator = (await app.user('mediator', 'pinghu')).token;

  const opened = await post(mediator, '/disputes', {
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer: { name: '深圳市某某电子有限公司', creditCode: CREDIT_CODE },
    category: 'wage_arrears',
    workersInvolved: 12,
    amountClaimedFen: 36_000_000,
    summary: '12名员工反映1月工资未发放',
    openedOn: '2026-02-10',
    claimants: [{ name: '张三', idNumber: ID_NUMBER.toLowerCase(), phone: PHONE }, { name: '李四' }],
  }).expect(201);
  disputeId = opened.body.id;
  await post(mediator, `/disputes/${disputeId}/recoveries`, { amountFen: 1_234_500, recoveredOn: '2026-02-20', note: '首期' }).expect(200);
  await post(mediator, `/disputes/${disputeId}/resolution`, { outcome: 'agreement', resolvedOn: '2026-02-25', note: '达成调解协议' }).expect(200);

  const referred = await post(mediator, '/mediations', {
    court: '深圳市龙岗区人民法院',
    courtCaseNo: '（2026）粤0307民诉前调0042号',
    referredOn: '2026-02-05',
    subDistrict: 'pinghu',
    category: 'wage_arrears',
    employer: { name: '深圳市某某电子有限公司', creditCode: CREDIT_CODE },
    workers: [{ name: '张三', idNumber: ID_NUMBER, phone: PHONE }, { name: '王五', phone: '13700001111' }],
    claimAmountFen: 12_000_000,
  }).expect(201);
  mediationId = referred.body.id;
  await post(mediator, `/mediations/${mediationId}/agreement`, { amountFen: 10_000_000, agreedOn: '2026-02-20', paymentTerms: '一次性支付' }).expect(200);

  const registered = await post(admin, '/informants', {
    username: `informant-${randomUUID().slice(0, 8)}`,
    password: `pw-${randomUUID()}`,
    name: '陈小红',
    phone: INFORMANT_PHONE,
    subDistrict: 'pinghu',
    enterprises: [CREDIT_CODE],
  }).expect(201);
  informantId = registered.body.id;
  await issueReport();
});

/** The month's report (诉求信息月报): issued once (an issued report keeps its figures; later asks answer it). */
async function issueReport() {
  await app.settled();
  const res = await post(admin, '/reports/monthly', { month: '2026-02' });
  expect([200, 201]).toContain(res.status);
}

afterAll(async () => {
  recordMeasurement('personal-data', measured);
  await app?.close();
});

describe('personal data in the event log', () => {
  it('is stored sealed: no event row holds a name, ID number or phone in clear, and the informants list keeps the phone masked', async () => {
    const rows: { type: string; data: string }[] = await app.api.get(DataSource).query(`SELECT type, data::text AS data FROM event_store.events`);
    expect(rows.length).toBeGreaterThan(8);
    const stored = rows.map((r) => r.data).join('\n');
    measured.eventRowsScanned = rows.length;
    measured.leaksFound += SECRETS.filter((secret) => stored.includes(secret)).length;
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    expect(stored).toContain('"personId"');
    expect(stored).toMatch(/"idNumber": ?"pd1:/);
    const informantRows: { phone: string }[] = await app.api.get(DataSource).query(`SELECT phone FROM informants`);
    await app.settled();
    const again: { phone: string }[] = await app.api.get(DataSource).query(`SELECT phone FROM informants`);
    expect([...informantRows, ...again].map((r) => r.phone)).not.toContain(INFORMANT_PHONE);
    expect(again.map((r) => r.phone)).toEqual(['139****4321']);
  });

  it('reads back in clear for those who may see it, masked for supervisors', async () => {
    const v = await views();
    expect(v.dispute.body.claimants).toEqual([
      { name: '张三', idNumber: ID_NUMBER, phone: PHONE, personId: expect.any(String) },
      { name: '李四', personId: expect.any(String) },
    ]);
    expect((await get(supervisor, `/disputes/${disputeId}`)).body.claimants[0]).toMatchObject({ idNumber: '110105********002X', phone: '138****5678' });
    expect(v.informant.body).toMatchObject({ name: '陈小红', phone: INFORMANT_PHONE, erased: false });
    // One person across records: the ID number (either case of its check character) names them.
    expect(v.mediation.body.workers[0].personId).toBe(v.dispute.body.claimants[0].personId);
    // The informant's login account has no copy of their name: it is known by its username.
    expect(v.account.body).toMatchObject({ id: informantId, role: 'informant', displayName: null });
    expect(v.accounts.body.items.find((a: { id: string }) => a.id === informantId)).toMatchObject({ displayName: null });
  });

  it("refuses to give an informant's account a display name, appending nothing", async () => {
    const events = await app.requestEventCount();
    const named = await app.http().patch(`/api/v1/users/${informantId}`).set(...bearer(admin)).send({ displayName: '陈小红' }).on('response', count);
    expect(named.status).toBe(422);
    expect(named.body.errors.map((e: { field: string }) => e.field)).toEqual(['displayName']);
    expect(await app.requestEventCount()).toBe(events);
  });
});

describe('POST /api/v1/persons/{id}/erasure', () => {
  let before: ReturnType<typeof figures>;
  let zhang: string;
  let chen: string;

  it('finds a person by ID number or phone, with the records they appear in (admins only)', async () => {
    before = figures(await views());
    const found = await get(admin, `/persons?idNumber=${ID_NUMBER}`).expect(200);
    expect(found.body.items).toHaveLength(1);
    zhang = found.body.items[0].id;
    expect(found.body.items[0]).toEqual({
      id: zhang,
      erased: false,
      erasedAt: null,
      records: [
        { kind: 'dispute', id: disputeId, reference: expect.stringMatching(/PH-2026-/), subDistrict: 'pinghu' },
        { kind: 'mediation', id: mediationId, reference: '（2026）粤0307民诉前调0042号', subDistrict: 'pinghu' },
      ],
    });
    expect((await get(admin, `/persons?phone=${PHONE}`)).body.items.map((p: { id: string }) => p.id)).toEqual([zhang]);
    const informant = (await get(admin, `/persons?phone=${INFORMANT_PHONE}`)).body.items;
    expect(informant).toEqual([{ id: expect.any(String), erased: false, erasedAt: null, records: [{ kind: 'informant', id: informantId, reference: null, subDistrict: 'pinghu' }] }]);
    chen = informant[0].id;
    expect((await get(admin, '/persons?phone=13900000000')).body.items).toEqual([]);
    expect((await get(admin, '/persons')).status).toBe(400);
    expect((await get(supervisor, `/persons?idNumber=${ID_NUMBER}`)).status).toBe(403);
  });

  it('refuses bad requests without appending anything: no reason, an unknown person, a non-admin', async () => {
    const count = await app.requestEventCount();
    const noReason = await post(admin, `/persons/${zhang}/erasure`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect((await post(admin, `/persons/${randomUUID()}/erasure`, { reason: '本人申请' })).status).toBe(404);
    expect((await post(admin, '/persons/not-a-uuid/erasure', { reason: '本人申请' })).status).toBe(400);
    expect((await post(supervisor, `/persons/${zhang}/erasure`, { reason: '本人申请' })).status).toBe(403);
    expect((await post(mediator, `/persons/${zhang}/erasure`, { reason: '本人申请' })).status).toBe(403);
    expect(await app.requestEventCount()).toBe(count);
    expect((await get(admin, `/disputes/${disputeId}`)).body.claimants[0].name).toBe('张三');
  });

  it('erases: an audited event, the key destroyed; again answers the same and appends nothing', async () => {
    const count = await app.requestEventCount();
    const erased = await post(admin, `/persons/${zhang}/erasure`, { reason: '本人申请删除（2026-03-14，申请编号17）' }, { 'Idempotency-Key': randomUUID() });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ id: zhang, erasedAt: chinaTime(NOW), version: 1 });
    expect(await app.requestEventCount()).toBe(count + 1);
    const again = await post(admin, `/persons/${zhang}/erasure`, { reason: '再次申请' });
    expect(again.body).toEqual(erased.body);
    expect(await app.requestEventCount()).toBe(count + 1);
    await post(admin, `/persons/${chen}/erasure`, { reason: '信息员本人申请' }).expect(200);

    const [event] = await app.store.readStream(`person-${zhang}`);
    expect(event).toMatchObject({ type: 'PersonErased', data: { personId: zhang, reason: '本人申请删除（2026-03-14，申请编号17）' }, metadata: { actorRole: 'admin' } });
    const keys = await app.api.get(DataSource).query(`SELECT count(*)::int AS n FROM person_keys WHERE person_id = ANY ($1::uuid[])`, [[zhang, chen]]);
    expect(keys[0].n).toBe(0);
    await app.settled();
    // Audited: the erasure is on the audit trail with who did it.
    const audit = await app.api.get(DataSource).query(`SELECT type, actor_role FROM timeline_entries WHERE stream_id = $1`, [`person-${zhang}`]);
    expect(audit).toEqual([{ type: 'PersonErased', actor_role: 'admin' }]);
    expect((await get(admin, `/persons/${zhang}`)).body).toMatchObject({ id: zhang, erased: true, erasedAt: chinaTime(NOW) });
    expect((await get(admin, `/persons?idNumber=${ID_NUMBER}`)).body.items).toEqual([]);
  });

  const expectErased = async () => {
    const v = await views();
    const erasedPerson = { personId: zhang, name: ERASED, idNumber: ERASED, phone: ERASED, erased: true };
    expect(v.dispute.body.claimants).toEqual([erasedPerson, { name: '李四', personId: expect.any(String) }]);
    expect((await get(supervisor, `/disputes/${disputeId}`)).body.claimants[0]).toEqual(erasedPerson);
    expect(v.disputes.body.items.find((d: { id: string }) => d.id === disputeId).claimants[0]).toEqual(erasedPerson);
    expect(v.disputeTimeline.body.events[0].data.claimants[0]).toEqual(erasedPerson);
    expect(v.mediation.body.workers).toEqual([erasedPerson, { name: '王五', phone: '13700001111', personId: expect.any(String) }]);
    expect(v.mediations.body.items.find((m: { id: string }) => m.id === mediationId).workers[0]).toEqual(erasedPerson);
    expect(v.mediationTimeline.body.events[0].data.workers[0]).toEqual(erasedPerson);
    expect(v.informant.body).toMatchObject({ name: ERASED, phone: ERASED, erased: true });
    expect(v.informants.body.items.find((i: { id: string }) => i.id === informantId)).toMatchObject({ name: ERASED, phone: ERASED });
    // Their login account never had their name: it still shows none, as before the erasure.
    expect(v.account.body).toMatchObject({ id: informantId, displayName: null });
    const everything = JSON.stringify(Object.values(v).map((res) => res.body)) + v.report.text;
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    // The text search no longer finds them by name; the other claimant still is.
    expect((await get(admin, `/disputes?q=${encodeURIComponent('张三')}`)).body.items).toEqual([]);
    expect((await get(admin, `/disputes?q=${encodeURIComponent('李四')}`)).body.items.map((d: { id: string }) => d.id)).toEqual([disputeId]);
    expect(figures(v)).toEqual(before);
    return v;
  };

  it('shows 已删除 in every read model, detail, timeline and export, with every count and amount unchanged', async () => {
    await expectErased();
    // English readers get "erased".
    const en = await get(admin, `/disputes/${disputeId}`, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(en.body.claimants[0]).toEqual({ personId: zhang, name: 'erased', idNumber: 'erased', phone: 'erased', erased: true });
    expect(en.body.summary).toBe('12名员工反映1月工资未发放');
  });

  it('stays erased through a full rebuild of every projection (npm run projections:rebuild), in a fresh worker', async () => {
    await app.restartWorker();
    const registry = app.worker.get(ProjectionRegistry);
    for (const projection of registry.projections()) await rebuildProjection(app.worker, projection.name);
    measured.projectionsRebuilt = registry.projections().length;
    await issueReport();
    await expectErased();
    // Nothing of theirs is left in clear in any table of the database either.
    const tables: { table_name: string }[] = await app.api
      .get(DataSource)
      .query(`SELECT table_schema || '.' || table_name AS table_name FROM information_schema.tables WHERE table_schema IN ('public', 'event_store') AND table_type = 'BASE TABLE'`);
    measured.tablesScanned = tables.length;
    for (const { table_name } of tables) {
      const [{ dump }] = await app.api.get(DataSource).query(`SELECT coalesce(string_agg(t::text, ' '), '') AS dump FROM ${table_name} t`);
      measured.leaksFound += SECRETS.filter((secret) => (dump as string).includes(secret)).length;
      for (const secret of SECRETS) expect({ table: table_name, secret, leaks: (dump as string).includes(secret) }).toEqual({ table: table_name, secret, leaks: false });
    }
  });

  it('lets new data about the same ID number be recorded again, under a new person', async () => {
    const opened = await post(mediator, '/disputes', {
      channel: 'walk_in',
      subDistrict: 'pinghu',
      employer: { name: '深圳市另一家公司', creditCode: '91350200776049653A' },
      category: 'wage_arrears',
      workersInvolved: 1,
      amountClaimedFen: 100_000,
      summary: '再次来访',
      openedOn: '2026-03-14',
      claimants: [{ name: '张三', idNumber: ID_NUMBER, phone: PHONE }],
    }).expect(201);
    const claimant = (await get(admin, `/disputes/${opened.body.id}`)).body.claimants[0];
    expect(claimant).toMatchObject({ name: '张三', idNumber: ID_NUMBER });
    expect(claimant.personId).not.toBe(zhang);
    expect((await get(admin, `/disputes/${disputeId}`)).body.claimants[0].name).toBe(ERASED);
  });
});

describe('a group case naming more than nine claimants', () => {
  it('gives each claimant their own person, and the same person again in a later case of theirs', async () => {
    // The persons of one append are looked up in one statement; its answers once came back sorted
    // as text ("1", "10", "11", "2"...), so from the tenth person on, an opening failed or named
    // the wrong person.
    const claimants = Array.from({ length: 12 }, (_, i) => ({ name: `职工${i + 1}`, phone: `1370000${2000 + i}` }));
    const open = (summary: string, named: object[], extra: object = {}) =>
      post(mediator, '/disputes', {
        channel: 'walk_in',
        subDistrict: 'pinghu',
        employer: { name: '深圳市群体电子有限公司', creditCode: '91350200776049653A' },
        category: 'wage_arrears',
        workersInvolved: 40,
        amountClaimedFen: 48_000_000,
        summary,
        openedOn: '2026-03-14',
        claimants: named,
        ...extra,
      }).expect(201);
    const first = await open('40名员工反映2月工资未发放', claimants);
    const read = async (id: string) => (await get(admin, `/disputes/${id}`)).body.claimants as Array<{ name: string; phone: string; personId: string }>;
    const firstClaimants = await read(first.body.id);
    expect(firstClaimants.map(({ name, phone }) => ({ name, phone }))).toEqual(claimants);
    expect(new Set(firstClaimants.map((c) => c.personId)).size).toBe(12);

    const newcomer = { name: '新来的职工', phone: '13700003999' };
    const second = await open('同一批员工3月工资也未发放', [newcomer, ...[...claimants].reverse()], { confirmDuplicate: true });
    const secondClaimants = await read(second.body.id);
    expect(secondClaimants.map(({ name, phone }) => ({ name, phone }))).toEqual([newcomer, ...[...claimants].reverse()]);
    const personOf = new Map(firstClaimants.map((c) => [c.phone, c.personId]));
    for (const c of secondClaimants.slice(1)) expect(c.personId).toBe(personOf.get(c.phone));
    expect([...personOf.values()]).not.toContain(secondClaimants[0].personId);
  });
});
