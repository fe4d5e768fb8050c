import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

/*
 * Issue 10 §3: duplicates that would double-count the federation's figures. A 12351 work-order
 * number is taken once across complaints, a court case number (案号) once across mediations, and a
 * second case for the same employer and workers needs the opener's confirmation.
 */

// 2026-03-10 10:00 in Shanghai.
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
let admin: string;
type User = { id: string; token: string };
let mediator: User; // pinghu
let bujiMediator: User;
let informant: User; // pinghu

beforeAll(async () => {
  app = await startTestApp('duplicates', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  mediator = await app.user('mediator', 'pinghu');
  bujiMediator = await app.user('mediator', 'buji');
  informant = await app.user('informant', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});

const post = (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

const EMPLOYER = { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' };

describe('a 12351 work-order number is taken once', () => {
  const hotline = (workOrderNo: string, subDistrict = 'pinghu') => ({
    source: 'hotline_12351',
    workOrderNo,
    subDistrict,
    employer: EMPLOYER,
    summary: '来电反映公司拖欠2月工资',
    receivedAt: '2026-03-05T09:30:00+08:00',
  });

  it('answers a second complaint with the same number 409 naming the first, and appends nothing', async () => {
    const first = await post(mediator.token, '/complaints', hotline('12351-2026-000777'));
    expect(first.status).toBe(201);
    const before = await app.requestEventCount();

    const second = await post(mediator.token, '/complaints', hotline('12351-2026-000777'));
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(second.body).toMatchObject({ status: 409, code: 'duplicate', existing: { kind: 'complaint', id: first.body.id } });
    expect(second.body.errors).toEqual([{ field: 'workOrderNo', message: 'was received already' }]);
    // The same number written another way, from another sub-district, is the same work order.
    const spaced = await post(bujiMediator.token, '/complaints', hotline(' 12351-2026-000777 '.toLowerCase(), 'buji'));
    expect(spaced.status).toBe(409);
    expect(spaced.body.existing.id).toBe(first.body.id);
    expect(await app.requestEventCount()).toBe(before);

    await app.settled();
    const listed = await get(admin, '/complaints?q=12351-2026-000777');
    expect(listed.body.total).toBe(1);
  });

  it('lets a retry of the same request (same Idempotency-Key) through with the same answer', async () => {
    const key = { 'Idempotency-Key': 'work-order-retry-1' };
    const first = await post(mediator.token, '/complaints', hotline('12351-2026-000888'), key);
    expect(first.status).toBe(201);
    const again = await post(mediator.token, '/complaints', hotline('12351-2026-000888'), key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });

  it('gives one of two simultaneous receptions the number and the other a 409', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => post(mediator.token, '/complaints', hotline('12351-2026-000999'))));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!.body.id;
    for (const loser of answers.filter((a) => a.status === 409)) expect(loser.body.existing.id).toBe(winner);
  });

  it('claims nothing when the complaint itself is refused', async () => {
    const future = { ...hotline('12351-2026-001000'), receivedAt: '2026-03-11T09:30:00+08:00' };
    expect((await post(mediator.token, '/complaints', future)).status).toBe(422);
    expect((await post(mediator.token, '/complaints', hotline('12351-2026-001000'))).status).toBe(201);
  });
});

describe('a court case number (案号) is referred once', () => {
  const referral = (courtCaseNo: string) => ({
    court: '深圳市龙岗区人民法院',
    courtCaseNo,
    referredOn: '2026-03-02',
    subDistrict: 'pinghu',
    category: 'wage_arrears',
    employer: EMPLOYER,
    workers: [{ name: '张三' }],
    claimAmountFen: 12_000_000,
  });

  it('answers a second referral 409 naming the first, and appends nothing', async () => {
    const first = await post(mediator.token, '/mediations', referral('（2026）粤0307民诉前调5001号'));
    expect(first.status).toBe(201);
    const before = await app.requestEventCount();
    const second = await post(mediator.token, '/mediations', referral('（2026）粤0307民诉前调5001号'));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'duplicate', existing: { kind: 'mediation', id: first.body.id } });
    expect(second.body.errors).toEqual([{ field: 'courtCaseNo', message: 'was referred already' }]);
    // Half-width brackets are the same number.
    const halfWidth = await post(mediator.token, '/mediations', referral('(2026)粤0307民诉前调5001号'));
    expect(halfWidth.status).toBe(409);
    expect(await app.requestEventCount()).toBe(before);
    expect((await post(mediator.token, '/mediations', referral('（2026）粤0307民诉前调5002号'))).status).toBe(201);
  });
});

describe('a second open case for the same employer and workers', () => {
  const caseBody = (claimants: unknown[], overrides: Record<string, unknown> = {}) => ({
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer: { name: '深圳市重复检查有限公司', creditCode: '91350200776049653A' },
    category: 'wage_arrears',
    workersInvolved: 2,
    amountClaimedFen: 2_000_000,
    summary: '两名员工反映工资未发',
    openedOn: '2026-03-02',
    claimants,
    ...overrides,
  });

  it('answers 409 with the open case when a claimant shares an ID number or a phone, unless confirmed; the confirmation is on the case', async () => {
    const first = await post(mediator.token, '/disputes', caseBody([{ name: '张三', idNumber: '11010519491231002X' }, { name: '李四', phone: '13812345678' }]));
    expect(first.status).toBe(201);
    await app.settled();
    const before = await app.requestEventCount();

    const sameId = await post(mediator.token, '/disputes', caseBody([{ name: '张三', idNumber: '11010519491231002X' }]));
    expect(sameId.status).toBe(409);
    expect(sameId.body).toMatchObject({ code: 'duplicate', existing: { kind: 'dispute', id: first.body.id, caseNo: first.body.caseNo, matchedBy: ['idNumber'] } });
    expect(sameId.body.errors).toEqual([expect.objectContaining({ field: 'confirmDuplicate' })]);
    const samePhone = await post(mediator.token, '/disputes', caseBody([{ name: '李四', phone: '13812345678' }]));
    expect(samePhone.status).toBe(409);
    expect(samePhone.body.existing.matchedBy).toEqual(['phone']);
    // Nothing appended, and no case number used up.
    expect(await app.requestEventCount()).toBe(before);

    // Other workers of the same employer, or the same workers at another employer: no question asked.
    expect((await post(mediator.token, '/disputes', caseBody([{ name: '王五', phone: '13900000000' }]))).status).toBe(201);
    expect(
      (await post(mediator.token, '/disputes', caseBody([{ name: '张三', idNumber: '11010519491231002X' }], { employer: EMPLOYER }))).status,
    ).toBe(201);

    const confirmed = await post(mediator.token, '/disputes', caseBody([{ name: '张三', idNumber: '11010519491231002X' }], { confirmDuplicate: true }));
    expect(confirmed.status).toBe(201);
    const detail = await get(mediator.token, `/disputes/${confirmed.body.id}`);
    expect(detail.body.confirmedDuplicateOf).toEqual([first.body.id]);
    const opened = (await app.store.readStream(`dispute-${confirmed.body.id}`))[0];
    expect(opened.data.confirmedDuplicateOf).toEqual([first.body.id]);
    expect((await get(mediator.token, `/disputes/${first.body.id}`)).body.confirmedDuplicateOf).toEqual([]);
  });

  it('asks nothing once the earlier case is resolved', async () => {
    const body = caseBody([{ name: '赵六', phone: '13700000001' }]);
    const first = await post(mediator.token, '/disputes', body);
    expect(first.status).toBe(201);
    await post(mediator.token, `/disputes/${first.body.id}/resolution`, { outcome: 'withdrawn', resolvedOn: '2026-03-09' }).expect(200);
    await app.settled();
    expect((await post(mediator.token, '/disputes', body)).status).toBe(201);
  });

  it('refuses bad input before looking for duplicates', async () => {
    const first = await post(mediator.token, '/disputes', caseBody([{ name: '孙七', phone: '13700000002' }]));
    expect(first.status).toBe(201);
    await app.settled();
    const future = await post(mediator.token, '/disputes', caseBody([{ name: '孙七', phone: '13700000002' }], { openedOn: '2026-03-11' }));
    expect(future.status).toBe(422);
  });
});

describe('a conversion asks the same question as opening a case', () => {
  const worker = { name: '周八', phone: '13600000011' };
  let open: { id: string; caseNo: string };
  beforeAll(async () => {
    const opened = await post(mediator.token, '/disputes', {
      channel: 'walk_in',
      subDistrict: 'pinghu',
      employer: EMPLOYER,
      category: 'wage_arrears',
      workersInvolved: 1,
      amountClaimedFen: 500_000,
      summary: '周八反映2月工资未发',
      openedOn: '2026-03-02',
      claimants: [worker],
    });
    expect(opened.status).toBe(201);
    open = opened.body;
    await app.settled();
  });

  const receive = async (workOrderNo: string) => {
    const res = await post(mediator.token, '/complaints', {
      source: 'hotline_12351',
      workOrderNo,
      subDistrict: 'pinghu',
      employer: EMPLOYER,
      summary: '来电反映公司拖欠2月工资',
      receivedAt: '2026-03-05T09:30:00+08:00',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const conversion = (overrides: Record<string, unknown> = {}) => ({
    category: 'wage_arrears',
    workersInvolved: 1,
    amountClaimedFen: 500_000,
    claimants: [{ name: '周八', phone: ' 13600000011 ' }],
    ...overrides,
  });
  const typesOf = async (stream: string) => (await app.store.readStream(stream)).map((e) => e.type);

  it('answers a complaint’s conversion 409 with the open case, appending nothing, unless confirmed; the confirmation is on the case', async () => {
    const complaintId = await receive('12351-2026-DUP001');
    const before = await app.requestEventCount();
    const refused = await post(mediator.token, `/complaints/${complaintId}/conversion`, conversion(), { 'If-Match': '"1"' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'duplicate', existing: { kind: 'dispute', id: open.id, caseNo: open.caseNo, matchedBy: ['phone'] } });
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'confirmDuplicate' })]);
    // Neither the complaint nor a case: the complaint can still be converted, or handled.
    expect(await app.requestEventCount()).toBe(before);
    expect(await typesOf(`complaint-${complaintId}`)).toEqual(['ComplaintReceived']);
    expect((await get(mediator.token, `/complaints/${complaintId}`)).body).toMatchObject({ status: 'received', version: 1 });

    const confirmed = await post(mediator.token, `/complaints/${complaintId}/conversion`, conversion({ confirmDuplicate: true }), { 'If-Match': '"1"' });
    expect(confirmed.status).toBe(201);
    expect((await get(mediator.token, `/disputes/${confirmed.body.id}`)).body).toMatchObject({ confirmedDuplicateOf: [open.id], source: { kind: 'complaint', id: complaintId } });
    const [opened] = await app.store.readStream(`dispute-${confirmed.body.id}`);
    expect(opened.data.confirmedDuplicateOf).toEqual([open.id]);

    // Other workers: no question asked, and nothing recorded.
    const other = await post(mediator.token, `/complaints/${await receive('12351-2026-DUP002')}/conversion`, conversion({ claimants: [{ name: '吴九', phone: '13600000012' }] }));
    expect(other.status).toBe(201);
    expect((await get(mediator.token, `/disputes/${other.body.id}`)).body.confirmedDuplicateOf).toEqual([]);
  });

  it('refuses a complaint that cannot be converted before looking for duplicates', async () => {
    const complaintId = await receive('12351-2026-DUP003');
    await post(mediator.token, `/complaints/${complaintId}/handling`, { note: '已答复', handledOn: '2026-03-06' }).expect(200);
    expect((await post(mediator.token, `/complaints/${complaintId}/conversion`, conversion())).status).toBe(422);
    // And a stale If-Match is a 412, not a 409.
    const fresh = await receive('12351-2026-DUP004');
    expect((await post(mediator.token, `/complaints/${fresh}/conversion`, conversion(), { 'If-Match': '"7"' })).status).toBe(412);
  });

  it('answers an alert’s conversion 409 the same way, unless confirmed', async () => {
    const submitted = await post(
      informant.token,
      '/alerts',
      {
        enterprise: EMPLOYER,
        subDistrict: 'pinghu',
        signals: ['wage_delay'],
        workersAffected: 12,
        description: '2月工资未发',
        observedAt: '2026-03-10T08:30:00+08:00',
      },
      { 'Idempotency-Key': 'duplicates-alert-1' },
    );
    expect(submitted.status).toBe(201);
    const alertId = submitted.body.id as string;
    const before = await app.requestEventCount();
    const refused = await post(mediator.token, `/alerts/${alertId}/conversion`, { claimants: [worker] });
    expect(refused.status).toBe(409);
    // 周八 has two open cases at this employer by now (the first, and the complaint's confirmed above): both are named.
    expect(refused.body).toMatchObject({ code: 'duplicate', existing: { kind: 'dispute', matchedBy: ['phone'] } });
    const overlapping = (refused.body.existing.all as Array<{ id: string }>).map((c) => c.id);
    expect(overlapping).toContain(open.id);
    expect(overlapping).toHaveLength(2);
    expect(await app.requestEventCount()).toBe(before);
    expect((await get(mediator.token, `/alerts/${alertId}`)).body).toMatchObject({ status: 'submitted' });

    const confirmed = await post(mediator.token, `/alerts/${alertId}/conversion`, { claimants: [worker], confirmDuplicate: true });
    expect(confirmed.status).toBe(201);
    const detail = (await get(mediator.token, `/disputes/${confirmed.body.id}`)).body;
    expect(detail).toMatchObject({ source: { kind: 'alert', id: alertId } });
    expect([...detail.confirmedDuplicateOf].sort()).toEqual([...overlapping].sort());
    expect((await post(mediator.token, `/alerts/${alertId}/conversion`, { confirmDuplicate: 'yes' })).status).toBe(400);
  });
});

describe('the enterprise view and the watch-list agree', () => {
  it('look at the same window and give the name most recently registered, not the last one typed', async () => {
    // A valid credit code for this test, with its check character.
    const code = withCheck('91440300MA5DC1234');
    const open = (name: string, openedOn: string, phone: string) =>
      post(mediator.token, '/disputes', {
        channel: 'walk_in',
        subDistrict: 'pinghu',
        employer: { name, creditCode: code },
        category: 'wage_arrears',
        workersInvolved: 3,
        amountClaimedFen: 1_000_000,
        summary: '工资未发',
        openedOn,
        claimants: [{ name: '工人', phone }],
      });
    // The company was renamed in 2025; an old 2024 case is typed in afterwards under its old name.
    expect((await open('深圳市新名称科技有限公司', '2026-01-05', '13600000001')).status).toBe(201);
    expect((await open('深圳市旧名称电子厂', '2024-06-01', '13600000002')).status).toBe(201);
    // Outside the three years: in neither.
    expect((await open('深圳市旧名称电子厂', '2022-06-01', '13600000003')).status).toBe(201);
    await app.settled();

    const view = await get(admin, `/enterprises/${code}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ name: '深圳市新名称科技有限公司', window: { from: '2023-03-11', to: '2026-03-10' } });
    expect(view.body.totals.disputes).toBe(2);

    const watch = await get(admin, '/stats/watch-list?limit=500');
    expect(watch.body.window).toEqual(view.body.window);
    const line = watch.body.items.find((e: { creditCode: string }) => e.creditCode === code);
    expect(line).toMatchObject({ name: '深圳市新名称科技有限公司', disputes: 2 });

    // The same explicit window on both.
    const wide = await get(admin, `/enterprises/${code}?from=2022-01-01&to=2026-03-10`);
    expect(wide.body.totals.disputes).toBe(3);
    const wideWatch = await get(admin, '/stats/watch-list?limit=500&from=2022-01-01&to=2026-03-10');
    expect(wideWatch.body.items.find((e: { creditCode: string }) => e.creditCode === code)).toMatchObject({ disputes: 3 });
    expect((await get(admin, `/enterprises/${code}?from=2026-01-01&to=2025-01-01`)).status).toBe(400);

    // The same named period on both: a year, a quarter; with from or to, a 400 naming period on both.
    for (const period of ['2024', '2026-Q1', '2024-06']) {
      const named = await get(admin, `/enterprises/${code}?period=${period}`);
      const namedWatch = await get(admin, `/stats/watch-list?limit=500&period=${period}`);
      expect({ period, status: named.status, window: named.body.window }).toEqual({ period, status: 200, window: namedWatch.body.window });
    }
    const year2024 = await get(admin, `/enterprises/${code}?period=2024`);
    expect(year2024.body.window).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(year2024.body.totals.disputes).toBe(1);
    expect((await get(admin, `/enterprises/${code}?period=2026-Q1`)).body.totals.disputes).toBe(1);
    for (const path of [`/enterprises/${code}?period=2026&from=2026-01-01`, '/stats/watch-list?period=2026&to=2026-03-10']) {
      const both = await get(admin, path);
      expect({ path, status: both.status, fields: both.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ path, status: 400, fields: ['period'] });
    }
    expect((await get(admin, `/enterprises/${code}?period=2026-Q5`)).status).toBe(400);
    expect((await get(admin, '/stats/watch-list?asOf=2026-03-10')).body.errors).toEqual([{ field: 'asOf', message: 'is not allowed; use to' }]);
  });
});

/** GB 32100-2015 check character. */
function withCheck(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}
