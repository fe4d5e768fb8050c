import { randomUUID } from 'node:crypto';
import { disputeIdForComplaint } from '@lc/disputes';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

// 2026-03-10 10:00 in Shanghai.
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
let admin: string;
type User = { id: string; token: string };
let mediator: User; // pinghu
let otherMediator: User; // buji
let supervisor: User; // pinghu
let informant: User;

beforeAll(async () => {
  app = await startTestApp('complaints', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  mediator = await app.user('mediator', 'pinghu');
  otherMediator = await app.user('mediator', 'buji');
  supervisor = await app.user('supervisor', 'pinghu');
  informant = await app.user('informant', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});

const hotline = (overrides: Record<string, unknown> = {}) => ({
  source: 'hotline_12351',
  workOrderNo: `12351-2026-${randomUUID().slice(0, 6)}`,
  subDistrict: 'pinghu',
  employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  summary: '来电反映公司拖欠2月工资',
  receivedAt: '2026-03-05T09:30:00+08:00',
  ...overrides,
});

/** Each conversion names a worker of its own: the same worker's second open case at one employer is a duplicate (409). */
let workers = 0;
const conversion = (overrides: Record<string, unknown> = {}) => ({
  category: 'wage_arrears',
  workersInvolved: 8,
  amountClaimedFen: 12_000_000,
  claimants: [{ name: '王五', phone: `1381234${String(++workers).padStart(4, '0')}` }],
  ...overrides,
});

const post = (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set(headers).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

async function receive(body = hotline(), token = mediator.token): Promise<string> {
  const res = await post(token, '/complaints', body);
  expect(res.status).toBe(201);
  return res.body.id;
}

async function listed(id: string, token = admin) {
  await app.settled();
  const res = await get(token, '/complaints?pageSize=200');
  expect(res.status).toBe(200);
  return (res.body.items as Array<Record<string, unknown>>).find((item) => item.id === id);
}

const eventCount = () => app.requestEventCount();
const typesOf = async (stream: string) => (await app.store.readStream(stream)).map((e) => e.type);

describe('complaints', () => {
  it('receives a complaint and handles it', async () => {
    const received = await post(mediator.token, '/complaints', hotline({ workOrderNo: '12351-2026-000123' }));
    expect(received.status).toBe(201);
    expect(received.body).toEqual({ id: expect.any(String), version: 1 });
    expect(received.headers.etag).toBe('"1"');
    const { id } = received.body;
    expect(await listed(id)).toMatchObject({
      status: 'received',
      source: 'hotline_12351',
      workOrderNo: '12351-2026-000123',
      subDistrict: 'pinghu',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      receivedOn: '2026-03-05',
      version: 1,
    });

    const handled = await post(supervisor.token, `/complaints/${id}/handling`, { note: '已联系企业，答复来电人', handledOn: '2026-03-06' });
    expect(handled.status).toBe(200);
    expect(handled.body).toEqual({ id, version: 2 });
    expect(handled.headers.etag).toBe('"2"');

    const detail = await get(mediator.token, `/complaints/${id}`);
    expect(detail.headers.etag).toBe('"2"');
    expect(detail.body).toMatchObject({ id, status: 'handled', handledOn: '2026-03-06', receivedOn: '2026-03-05', disputeId: null, version: 2 });
    expect(await listed(id)).toMatchObject({ status: 'handled', handledOn: '2026-03-06', handlingNote: '已联系企业，答复来电人', version: 2 });

    // Closed once: neither handled again nor converted.
    expect((await post(mediator.token, `/complaints/${id}/handling`, { note: '再次', handledOn: '2026-03-07' })).status).toBe(422);
    expect((await post(mediator.token, `/complaints/${id}/conversion`, conversion())).status).toBe(422);
    expect(await typesOf(`complaint-${id}`)).toEqual(['ComplaintReceived', 'ComplaintHandled']);
  });

  it('converts a complaint into a dispute case, and both keep the link', async () => {
    const id = await receive();
    const res = await post(mediator.token, `/complaints/${id}/conversion`, conversion(), { 'If-Match': '"1"' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      caseNo: expect.stringMatching(/^LG-PH-2026-\d{4}$/),
      version: 1,
      complaint: { id, version: 2 },
    });
    expect(res.headers.etag).toBe('"1"');
    const disputeId = res.body.id;

    const complaint = await get(mediator.token, `/complaints/${id}`);
    expect(complaint.body).toMatchObject({ status: 'converted', disputeId, convertedOn: '2026-03-10' });
    const dispute = await get(mediator.token, `/disputes/${disputeId}`);
    expect(dispute.body).toMatchObject({
      caseNo: res.body.caseNo,
      channel: 'hotline_12351',
      subDistrict: 'pinghu',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      summary: '来电反映公司拖欠2月工资',
      source: { kind: 'complaint', id },
    });

    expect(await listed(id)).toMatchObject({ status: 'converted', disputeId, convertedOn: '2026-03-10' });
    const cases = await get(admin, '/disputes?pageSize=200');
    expect(cases.body.items.find((d: { id: string }) => d.id === disputeId)).toMatchObject({ source: { kind: 'complaint', id } });

    // A complaint becomes one case at most.
    expect((await post(mediator.token, `/complaints/${id}/conversion`, conversion())).status).toBe(422);
  });

  it('needs the employer\'s credit code to convert, and appends nothing without it', async () => {
    const id = await receive(hotline({ source: 'online_opinion', workOrderNo: undefined, employer: { name: '某网帖提到的工厂' } }));
    const before = await eventCount();
    const res = await post(mediator.token, `/complaints/${id}/conversion`, conversion());
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['employer.creditCode']);
    expect(await eventCount()).toBe(before);

    const converted = await post(
      mediator.token,
      `/complaints/${id}/conversion`,
      conversion({ employer: { name: '某网帖提到的工厂', creditCode: '91350200776049653A' } }),
    );
    expect(converted.status).toBe(201);
    expect((await get(mediator.token, `/disputes/${converted.body.id}`)).body).toMatchObject({ channel: 'online_opinion' });
  });

  it('opens one case when two conversions race', async () => {
    const id = await receive();
    const results = await Promise.all([1, 2].map(() => post(mediator.token, `/complaints/${id}/conversion`, conversion())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect([409, 422]).toContain(statuses[1]);
    expect(await typesOf(`complaint-${id}`)).toEqual(['ComplaintReceived', 'ComplaintConverted']);
    expect(await typesOf(`dispute-${disputeIdForComplaint(id)}`)).toEqual(['DisputeOpened']);
  });

  it('finishes a conversion that stopped between its two appends', async () => {
    const id = await receive();
    const disputeId = disputeIdForComplaint(id);
    // As if the process died right after recording the conversion on the complaint.
    await app.store.append(
      `complaint-${id}`,
      [{ eventId: randomUUID(), type: 'ComplaintConverted', data: { disputeId, convertedOn: '2026-03-10' }, metadata: { actorId: mediator.id, actorRole: 'mediator' } }],
      { expectedVersion: 1 },
    );
    const res = await post(mediator.token, `/complaints/${id}/conversion`, conversion(), { 'If-Match': '"1"' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: disputeId, complaint: { id, version: 2 } });
    expect(await typesOf(`dispute-${disputeId}`)).toEqual(['DisputeOpened']);
    expect(await typesOf(`complaint-${id}`)).toEqual(['ComplaintReceived', 'ComplaintConverted']);
  });

  it('answers a stale If-Match on the complaint with 412 and appends nothing', async () => {
    const id = await receive();
    const before = await eventCount();
    const res = await post(mediator.token, `/complaints/${id}/conversion`, conversion(), { 'If-Match': '"7"' });
    expect(res.status).toBe(412);
    expect(await eventCount()).toBe(before);
    expect((await post(mediator.token, `/complaints/${id}/handling`, { note: '答复', handledOn: '2026-03-06' }, { 'If-Match': '"3"' })).status).toBe(412);
    expect(await typesOf(`complaint-${id}`)).toEqual(['ComplaintReceived']);
  });

  it('receives one complaint for a repeated Idempotency-Key', async () => {
    const key = randomUUID();
    const body = hotline();
    const first = await post(mediator.token, '/complaints', body, { 'Idempotency-Key': key });
    const second = await post(mediator.token, '/complaints', body, { 'Idempotency-Key': key });
    expect(second.body).toEqual(first.body);
    expect(await typesOf(`complaint-${first.body.id}`)).toEqual(['ComplaintReceived']);
  });

  it('validates: a 12351 work order needs its number; no receipt in the future', async () => {
    const before = await eventCount();
    const missing = await post(mediator.token, '/complaints', hotline({ workOrderNo: undefined, employer: { name: 'x', creditCode: 'bad' } }));
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['employer.creditCode', 'workOrderNo']);
    const future = await post(mediator.token, '/complaints', hotline({ receivedAt: '2026-03-11T09:00:00+08:00' }));
    expect(future.status).toBe(422);
    expect(await eventCount()).toBe(before);
  });

  it('keeps complaints in their scope: 404 outside it, 403 for informants', async () => {
    const id = await receive();
    expect((await get(otherMediator.token, `/complaints/${id}`)).status).toBe(404);
    expect((await post(otherMediator.token, `/complaints/${id}/handling`, { note: '答复', handledOn: '2026-03-06' })).status).toBe(404);
    expect((await post(otherMediator.token, `/complaints/${id}/conversion`, conversion())).status).toBe(404);
    expect((await post(otherMediator.token, '/complaints', hotline())).status).toBe(403);
    await app.settled();
    const theirs = await get(otherMediator.token, '/complaints?pageSize=200');
    expect(theirs.body.items.map((c: { id: string }) => c.id)).not.toContain(id);

    for (const res of [
      await get(informant.token, '/complaints'),
      await get(informant.token, `/complaints/${id}`),
      await post(informant.token, '/complaints', hotline()),
      await post(informant.token, `/complaints/${id}/handling`, { note: '答复', handledOn: '2026-03-06' }),
    ]) {
      expect(res.status).toBe(403);
    }
  });

  it('filters the list', async () => {
    const id = await receive(hotline({ source: 'other', workOrderNo: undefined, summary: '街道转来的群众来信', receivedAt: '2026-02-20T09:00:00+08:00' }));
    await app.settled();
    const ids = async (query: string) => (await get(admin, `/complaints?pageSize=200&${query}`)).body.items.map((c: { id: string }) => c.id);
    expect(await ids('source=other')).toEqual([id]);
    expect(await ids('receivedFrom=2026-02-01&receivedTo=2026-02-28')).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent('群众来信')}`)).toEqual([id]);
    expect(await ids('status=received&source=other')).toEqual([id]);
    expect(await ids('status=handled&source=other')).toEqual([]);
  });
});
