import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';
import { complaintBody, referralBody } from './support/bodies';

/*
 * Issue 10 §2: lists and periods people can use. Sorting on every list with a clear 400 for an
 * unknown key, stable paging, statistics that default to the current month (China time) and take
 * `period`, one name per filter, one rule for unknown parameters and for out-of-scope filters.
 */

// 2026-12-01 01:30 in Shanghai, still 2026-11-30 in UTC: "the current month" must be December.
const NOW = new Date('2026-11-30T17:30:00Z');

let app: TestApp;
let admin: string;
type User = { id: string; token: string };
let mediator: User; // pinghu
let supervisor: User; // pinghu
let bujiMediator: User;

beforeAll(async () => {
  app = await startTestApp('lists', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  mediator = await app.user('mediator', 'pinghu');
  supervisor = await app.user('supervisor', 'pinghu');
  bujiMediator = await app.user('mediator', 'buji');
});
afterAll(async () => {
  await app?.close();
});

const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));
const post = (token: string, path: string, body: unknown) => app.http().post(`/api/v1${path}`).set(...bearer(token)).send(body as object);
const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

let n = 0;
/** A case with claimants named only (no ID number or phone): never a duplicate of another. */
async function open(overrides: Record<string, unknown> = {}, token = mediator.token): Promise<{ id: string; caseNo: string }> {
  n++;
  const res = await post(token, '/disputes', {
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
    category: 'wage_arrears',
    workersInvolved: 3,
    amountClaimedFen: 1_000_000,
    summary: `第${n}宗`,
    openedOn: '2026-11-20',
    claimants: [{ name: `工人${n}` }],
    ...overrides,
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('sorting and paging', () => {
  const cases: Array<{ id: string; caseNo: string; openedOn: string; amountClaimedFen: number }> = [];

  beforeAll(async () => {
    const spec: Array<[string, number]> = [
      ['2026-11-03', 5_000_00],
      ['2026-11-01', 9_000_00],
      ['2026-11-02', 1_000_00],
      ['2026-11-02', 7_000_00],
      ['2026-11-02', 3_000_00],
    ];
    for (const [openedOn, amountClaimedFen] of spec) cases.push({ ...(await open({ openedOn, amountClaimedFen })), openedOn, amountClaimedFen });
    await app.settled();
  });

  const ids = async (query: string) => {
    const res = await get(admin, `/disputes?pageSize=200&${query}`);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: string }>).map((d) => d.id).filter((id) => cases.some((c) => c.id === id));
  };

  it('sorts by a key ascending, or descending with a minus', async () => {
    const byAmount = [...cases].sort((a, b) => a.amountClaimedFen - b.amountClaimedFen).map((c) => c.id);
    expect(await ids('sort=amountClaimedFen')).toEqual(byAmount);
    expect(await ids('sort=-amountClaimedFen')).toEqual([...byAmount].reverse());
    const byCaseNo = [...cases].sort((a, b) => a.caseNo.localeCompare(b.caseNo)).map((c) => c.id);
    expect(await ids('sort=caseNo')).toEqual(byCaseNo);
    // Several keys: the opening date first, then the amount within a day.
    const byDayThenAmount = [...cases]
      .sort((a, b) => a.openedOn.localeCompare(b.openedOn) || b.amountClaimedFen - a.amountClaimedFen)
      .map((c) => c.id);
    expect(await ids('sort=openedOn,-amountClaimedFen')).toEqual(byDayThenAmount);
  });

  it('sorts by the last change', async () => {
    const touched = cases[2];
    app.clock.advance(60_000);
    await post(mediator.token, `/disputes/${touched.id}/steps`, { kind: 'contact', note: '电话', occurredAt: '2026-12-01T01:00:00+08:00' }).expect(200);
    await app.settled();
    expect((await ids('sort=-updatedAt'))[0]).toBe(touched.id);
    expect((await ids('sort=updatedAt')).at(-1)).toBe(touched.id);
  });

  it('pages in a stable order: rows tied on the sort key are never shown twice nor skipped', async () => {
    const seen: string[] = [];
    const total = (await get(admin, '/disputes?pageSize=1')).body.total as number;
    for (let page = 1; page <= total; page++) {
      const res = await get(admin, `/disputes?sort=openedOn&pageSize=1&page=${page}`);
      seen.push(res.body.items[0].id);
    }
    expect(new Set(seen).size).toBe(total);
    // Same answer twice: the order does not depend on how PostgreSQL happens to read the rows.
    const again: string[] = [];
    for (let page = 1; page <= total; page++) again.push((await get(admin, `/disputes?sort=openedOn&pageSize=1&page=${page}`)).body.items[0].id);
    expect(again).toEqual(seen);
  });

  it('refuses an unknown sort key with a 400 naming sort and the keys there are', async () => {
    for (const path of ['/disputes?sort=colour', '/disputes?sort=-', '/complaints?sort=openedOn', '/mediations?sort=x', '/alerts?sort=name', '/informants?sort=grade', '/clocks?sort=x', '/users?sort=password', '/notifications?sort=x']) {
      const res = await get(admin, path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fieldsOf(res)).toEqual(['sort']);
    }
    const res = await get(admin, '/disputes?sort=colour');
    expect(res.body.errors[0].message).toContain('openedOn');
  });

  it('sorts every other list by its own keys', async () => {
    for (const path of [
      '/complaints?sort=-receivedAt',
      '/mediations?sort=deadlineOn',
      '/alerts?sort=-submittedAt',
      '/informants?sort=-alertsSubmitted',
      '/clocks?sort=-deadlineAt',
      '/users?sort=-createdAt',
      '/notifications?sort=createdAt',
    ]) {
      expect({ path, status: (await get(admin, path)).status }).toEqual({ path, status: 200 });
    }
    const users = (await get(admin, '/users?sort=-username&pageSize=200')).body.items.map((u: { username: string }) => u.username);
    expect(users).toEqual([...users].sort().reverse());
  });
});

describe('one rule for query parameters', () => {
  it('answers an unknown parameter with 400 naming it, on lists, statistics and single records alike', async () => {
    const { id } = await open();
    for (const path of ['/disputes?colour=red', '/users?colour=red', '/clocks?colour=red', '/stats/summary?colour=red', `/disputes/${id}?colour=red`, '/enterprises/91440300708461136T?colour=red']) {
      const res = await get(admin, path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(fieldsOf(res)).toEqual(['colour']);
    }
  });

  it('has one name per concept: grade (not risk) for alerts, informantId, creditCode; the old names say which to use', async () => {
    expect((await get(admin, '/alerts?grade=red')).status).toBe(200);
    const risk = await get(admin, '/alerts?risk=red');
    expect(risk.status).toBe(400);
    expect(risk.body.errors).toEqual([{ field: 'risk', message: 'is not allowed; use grade' }]);
    expect((await get(admin, '/alerts?informant=00000000-0000-4000-8000-000000000000')).body.errors[0].message).toContain('informantId');
    expect((await get(admin, '/informants?creditCode=91440300708461136T')).status).toBe(200);
    expect((await get(admin, '/informants?enterprise=91440300708461136T')).body.errors[0].message).toContain('creditCode');
  });

  it('filters every list of records with an employer by creditCode, the employer’s credit code, exactly', async () => {
    const OTHER = '91350200776049653A';
    const employer = { name: '厦门某某科技有限公司', creditCode: OTHER };
    const dispute = await open({ employer });
    const complaint = await post(mediator.token, '/complaints', complaintBody({ employer, receivedAt: '2026-11-25T09:30:00+08:00' }));
    expect(complaint.status).toBe(201);
    const mediation = await post(mediator.token, '/mediations', referralBody({ employer, referredOn: '2026-11-25' }));
    expect(mediation.status).toBe(201);
    await app.settled();
    const ids = async (path: string) => {
      const res = await get(admin, path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      return res.body.items as Array<Record<string, unknown>>;
    };
    // Lower case is the same code, as everywhere a credit code is given.
    expect((await ids(`/disputes?creditCode=${OTHER.toLowerCase()}`)).map((d) => d.id)).toEqual([dispute.id]);
    expect((await ids(`/complaints?creditCode=${OTHER}`)).map((c) => c.id)).toEqual([complaint.body.id]);
    expect((await ids(`/mediations?creditCode=${OTHER}`)).map((m) => m.id)).toEqual([mediation.body.id]);
    const clocks = await ids(`/clocks?creditCode=${OTHER}`);
    expect(clocks.length).toBeGreaterThan(0);
    for (const clock of clocks) expect(clock).toMatchObject({ subject: { id: mediation.body.id }, employerName: employer.name, employerCreditCode: OTHER });
    expect(await ids('/alerts?creditCode=91440300708461136T')).toBeDefined();
    // Another employer's records are not among them.
    expect((await ids('/disputes?creditCode=91440300708461136T&pageSize=200')).map((d) => d.id)).not.toContain(dispute.id);
    for (const list of ['/disputes', '/complaints', '/mediations', '/clocks', '/alerts', '/informants']) {
      const res = await get(admin, `${list}?creditCode=91440300708461136X`);
      expect({ list, status: res.status, fields: fieldsOf(res) }).toEqual({ list, status: 400, fields: ['creditCode'] });
    }
  });

  it('answers a former filter name the same way on every list: which name to use', async () => {
    for (const list of ['/disputes', '/complaints', '/mediations', '/clocks', '/alerts', '/informants']) {
      const res = await get(admin, `${list}?enterprise=91440300708461136T`);
      expect({ list, status: res.status, errors: res.body.errors }).toEqual({
        list,
        status: 400,
        errors: [{ field: 'enterprise', message: 'is not allowed; use creditCode' }],
      });
    }
    for (const list of ['/disputes', '/complaints', '/mediations', '/clocks', '/alerts']) {
      const res = await get(admin, `${list}?mediator=${mediator.id}`);
      expect({ list, errors: res.body.errors }).toEqual({ list, errors: [{ field: 'mediator', message: 'is not allowed; use mediatorId' }] });
    }
    // A list without the name now: an unknown parameter like any other.
    expect((await get(admin, '/users?enterprise=91440300708461136T')).body.errors).toEqual([{ field: 'enterprise', message: 'is not allowed' }]);
  });

  it('answers mediatorId=me from a caller who is not a mediator with 400 naming mediatorId, on every list that takes it', async () => {
    for (const list of ['/disputes', '/complaints', '/mediations', '/alerts', '/clocks']) {
      for (const [token, as] of [
        [supervisor.token, 'a supervisor'],
        [admin, 'an admin'],
      ]) {
        const res = await get(token, `${list}?mediatorId=me`);
        expect({ list, status: res.status, errors: res.body.errors }).toEqual({
          list,
          status: 400,
          errors: [{ field: 'mediatorId', message: `'me' is the calling mediator; as ${as} name a mediator's id` }],
        });
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect({ list, status: (await get(mediator.token, `${list}?mediatorId=me`)).status }).toEqual({ list, status: 200 });
      expect({ list, status: (await get(supervisor.token, `${list}?mediatorId=${mediator.id}`)).status }).toEqual({ list, status: 200 });
    }
  });

  it('answers a sub-district outside the caller’s scope with the same 403 on lists and statistics', async () => {
    const paths = ['/disputes', '/complaints', '/mediations', '/alerts', '/informants', '/clocks', '/stats/summary', '/stats/by-category'];
    for (const path of paths) {
      const res = await get(supervisor.token, `${path}?subDistrict=buji`);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.errors).toEqual([{ field: 'subDistrict', message: 'must be pinghu (your sub-district) or left out' }]);
      // Their own sub-district is fine.
      expect({ path, status: (await get(supervisor.token, `${path}?subDistrict=pinghu`)).status }).toEqual({ path, status: 200 });
    }
    const mediatorAsks = await get(bujiMediator.token, '/disputes?subDistrict=pinghu');
    expect(mediatorAsks.status).toBe(403);
    expect(fieldsOf(mediatorAsks)).toEqual(['subDistrict']);
    // Admins name any sub-district.
    expect((await get(admin, '/disputes?subDistrict=buji')).status).toBe(200);
  });
});

describe('periods of the statistics', () => {
  beforeAll(async () => {
    // One case opened in each of three months of 2026, in pinghu.
    await open({ openedOn: '2026-12-01' });
    await open({ openedOn: '2026-08-15' });
    await open({ openedOn: '2026-02-10' });
    await app.settled();
  });

  const opened = async (query: string) => {
    const res = await get(admin, `/stats/summary${query}`);
    expect(res.status).toBe(200);
    return res.body as { period: { from: string; to: string }; disputes: { opened: number } };
  };

  it('defaults to the current month in China time', async () => {
    const summary = await opened('');
    expect(summary.period).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(summary.disputes.opened).toBe(1);
    const bySub = await get(admin, '/stats/by-sub-district');
    expect(bySub.body.period).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    const byCategory = await get(admin, '/stats/by-category');
    expect(byCategory.body.period).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('takes a month, a quarter or a year as period', async () => {
    expect((await opened('?period=2026-08')).period).toEqual({ from: '2026-08-01', to: '2026-08-31' });
    const q3 = await opened('?period=2026-Q3');
    expect(q3.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(q3.disputes.opened).toBe(1);
    const q1 = await opened('?period=2026-Q1');
    expect(q1.period).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    const year = await opened('?period=2026');
    expect(year.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(year.disputes.opened).toBeGreaterThanOrEqual(3);
    expect((await opened('?from=2026-08-01&to=2026-08-31')).disputes.opened).toBe(q3.disputes.opened);
  });

  it('defaults the annual report and the months chart to the current year', async () => {
    const annual = await get(admin, '/reports/annual');
    expect(annual.status).toBe(200);
    expect(annual.body.year).toBe(2026);
    const byMonth = await get(admin, '/stats/by-month');
    expect(byMonth.status).toBe(200);
    expect(byMonth.body.months.map((m: { month: string }) => m.month)).toHaveLength(12);
    expect(byMonth.body.months[0].month).toBe('2026-01');
  });

  it('takes period on by-sub-district and by-category as on the summary', async () => {
    for (const route of ['/stats/by-sub-district', '/stats/by-category']) {
      const q3 = await get(admin, `${route}?period=2026-Q3`);
      expect({ route, status: q3.status }).toEqual({ route, status: 200 });
      expect(q3.body.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
      expect((await get(admin, `${route}?period=2026`)).body.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
      const both = await get(admin, `${route}?period=2026&from=2026-01-01&to=2026-01-31`);
      expect(both.status).toBe(400);
      expect(fieldsOf(both)).toEqual(['period']);
    }
    const bySub = (await get(admin, '/stats/by-sub-district?period=2026-Q3')).body;
    const pinghu = bySub.items.find((i: { subDistrict: string }) => i.subDistrict === 'pinghu');
    expect(pinghu.disputes.opened).toBe(1);
  });

  it('takes period=2026 on the annual report, and names period for a month or a quarter', async () => {
    const byYear = await get(admin, '/reports/annual?year=2026');
    const byPeriod = await get(admin, '/reports/annual?period=2026');
    expect(byPeriod.status).toBe(200);
    expect(byPeriod.body.year).toBe(2026);
    expect(byPeriod.body.figures).toEqual(byYear.body.figures);
    expect(byPeriod.body.figures.disputes.opened).toBeGreaterThanOrEqual(3);
    expect((await get(admin, '/reports/annual?period=2025')).body.figures.disputes.opened).toBe(0);
    for (const period of ['2026-11', '2026-Q3', 'last-year']) {
      const res = await get(admin, `/reports/annual?period=${period}`);
      expect({ period, status: res.status }).toEqual({ period, status: 400 });
      expect(res.body.errors).toEqual([{ field: 'period', message: 'must be a year (2026): the annual report covers a whole year' }]);
    }
    expect(fieldsOf(await get(admin, '/reports/annual?period=2026&year=2026'))).toEqual(['period']);
  });

  it('takes period on the months chart: a year, a quarter or a month gives its months', async () => {
    const months = async (query: string) => {
      const res = await get(admin, `/stats/by-month${query}`);
      expect(res.status).toBe(200);
      return res.body.months as Array<{ month: string; disputes: { opened: number } }>;
    };
    const q3 = await months('?period=2026-Q3');
    expect(q3.map((m) => m.month)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(q3.map((m) => m.disputes.opened)).toEqual([0, 1, 0]);
    expect((await months('?period=2026-02')).map((m) => [m.month, m.disputes.opened])).toEqual([['2026-02', 1]]);
    expect(await months('?period=2026')).toEqual(await months('?year=2026'));
    const both = await get(admin, '/stats/by-month?period=2026&year=2026');
    expect(both.status).toBe(400);
    expect(fieldsOf(both)).toEqual(['period']);
  });

  it('takes period on the watch-list as its window', async () => {
    const listed = async (query: string) => {
      const res = await get(admin, `/stats/watch-list?limit=500&${query}`);
      expect(res.status).toBe(200);
      return res.body as { window: { from: string; to: string }; items: Array<{ creditCode: string; disputes: number }> };
    };
    const year = await listed('period=2026');
    expect(year.window).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    // Every case of this file is of the one employer: several in 2026, one in the third quarter (not enough to list it).
    expect(year.items.find((i) => i.creditCode === '91440300708461136T')?.disputes).toBeGreaterThanOrEqual(3);
    const q3 = await listed('period=2026-Q3');
    expect(q3.window).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(q3.items.find((i) => i.creditCode === '91440300708461136T')).toBeUndefined();
    expect((await listed('period=2026-12')).window).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    const both = await get(admin, '/stats/watch-list?period=2026&from=2026-01-01');
    expect(both.status).toBe(400);
    expect(fieldsOf(both)).toEqual(['period']);
  });

  it('takes the monthly report’s month as period too, a month only', async () => {
    // Issued now, or already by the worker's catch-up at start: either way November has its report.
    expect([200, 201]).toContain((await post(admin, '/reports/monthly', { month: '2026-11' })).status);
    const byMonth = await get(admin, '/reports/monthly?month=2026-11');
    const byPeriod = await get(admin, '/reports/monthly?period=2026-11');
    expect(byPeriod.status).toBe(200);
    expect(byPeriod.body.report.month).toBe('2026-11');
    expect(byPeriod.body.report).toEqual(byMonth.body.report);
    const year = await get(admin, '/reports/monthly?period=2026');
    expect(year.status).toBe(400);
    expect(year.body.errors).toEqual([{ field: 'period', message: 'must be a month (2026-11): a monthly report covers one month' }]);
    expect((await get(admin, '/reports/monthly')).body.errors).toEqual([{ field: 'month', message: 'is required (or give period)' }]);
  });
});
