import { connect, type AddressInfo } from 'node:net';
import { alertBody, referralBody } from './support/bodies';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Issue 10 §5, names, times and the small things: actors' names on timelines, China time on
 * every instant, back-dated reopening, one way to make an informant, Location and ETag headers,
 * 415 for a body that is not JSON, a code on malformed JSON, and the OpenAPI document.
 */

// 2026-03-10 10:00 in Shanghai.
const NOW = new Date('2026-03-10T02:00:00Z');
const CHINA_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;

let app: TestApp;
let admin: string;
let mediator: { id: string; token: string; username: string };
let supervisor: { id: string; token: string; username: string };

beforeAll(async () => {
  app = await startTestApp('details', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  // A mediator with a display name, as the admin would create one.
  const created = await app
    .http()
    .post('/api/v1/users')
    .set(...bearer(admin))
    .send({ username: 'li.mei', password: 'a-long-passphrase', role: 'mediator', subDistrict: 'pinghu', displayName: '李梅' });
  expect(created.status).toBe(201);
  mediator = { id: created.body.id, token: await app.login('li.mei', 'a-long-passphrase'), username: 'li.mei' };
  supervisor = await app.user('supervisor', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});

const openBody = (overrides: Record<string, unknown> = {}) => ({
  channel: 'walk_in',
  subDistrict: 'pinghu',
  employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  category: 'wage_arrears',
  workersInvolved: 1,
  amountClaimedFen: 500_000,
  summary: '1名员工反映2月工资未发放',
  openedOn: '2026-03-02',
  claimants: [{ name: '张三' }],
  ...overrides,
});
const post = (token: string, path: string, body: unknown = {}) => app.http().post(`/api/v1${path}`).set(...bearer(token)).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

describe('201 answers and ETags', () => {
  it('gives a created record its Location and its version as ETag; lists carry no ETag', async () => {
    const opened = await post(mediator.token, '/disputes', openBody());
    expect(opened.status).toBe(201);
    expect(opened.headers.location).toBe(`/api/v1/disputes/${opened.body.id}`);
    expect(opened.headers.etag).toBe('"1"');
    await get(mediator.token, opened.headers.location.replace('/api/v1', '')).expect(200);

    const user = await post(admin, '/users', { username: 'wang.fang', password: 'another-long-passphrase', role: 'supervisor', subDistrict: 'pinghu' });
    expect(user.status).toBe(201);
    expect(user.headers.location).toBe(`/api/v1/users/${user.body.id}`);
    expect(user.headers.etag).toBe(`"${user.body.version}"`);
    const read = await get(admin, `/users/${user.body.id}`).expect(200);
    expect(read.headers.etag).toBe(`"${read.body.version}"`);
    const renamed = await app
      .http()
      .patch(`/api/v1/users/${user.body.id}`)
      .set(...bearer(admin))
      .set('If-Match', read.headers.etag)
      .send({ displayName: '王芳' })
      .expect(200);
    expect(renamed.headers.etag).toBe(`"${renamed.body.version}"`);
    expect(renamed.body.version).toBe(read.body.version + 1);

    const list = await get(admin, '/disputes').expect(200);
    expect(list.headers.etag).toBeUndefined();
  });

  it('gives the case a conversion opens its own address as Location, not the conversion’s', async () => {
    const complaint = await post(mediator.token, '/complaints', {
      source: 'hotline_12351',
      workOrderNo: '12351-2026-LOC001',
      subDistrict: 'pinghu',
      employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      summary: '来电反映公司拖欠2月工资',
      receivedAt: '2026-03-05T09:30:00+08:00',
    }).expect(201);
    const fromComplaint = await post(mediator.token, `/complaints/${complaint.body.id}/conversion`, {
      category: 'wage_arrears',
      workersInvolved: 1,
      amountClaimedFen: 300_000,
      claimants: [{ name: '赵六' }],
    });
    expect(fromComplaint.status).toBe(201);
    expect(fromComplaint.headers.location).toBe(`/api/v1/disputes/${fromComplaint.body.id}`);
    expect(fromComplaint.headers.etag).toBe(`"${fromComplaint.body.version}"`);
    const readComplaintCase = await get(mediator.token, fromComplaint.headers.location.replace('/api/v1', '')).expect(200);
    expect(readComplaintCase.body.id).toBe(fromComplaint.body.id);

    const informant = await app.user('informant', 'pinghu');
    const alert = await app
      .http()
      .post('/api/v1/alerts')
      .set(...bearer(informant.token))
      .set('Idempotency-Key', 'everyday-location-alert')
      .send(alertBody({ enterprise: { name: '深圳市某某五金有限公司', creditCode: '91350200776049653A' } }))
      .expect(201);
    const fromAlert = await post(mediator.token, `/alerts/${alert.body.id}/conversion`, {});
    expect(fromAlert.status).toBe(201);
    expect(fromAlert.headers.location).toBe(`/api/v1/disputes/${fromAlert.body.id}`);
    await get(mediator.token, fromAlert.headers.location.replace('/api/v1', '')).expect(200);
  });
});

describe('201 answers of letters and monthly reports', () => {
  it('give a letter its address: the record’s document of its kind, this letter by its id', async () => {
    const dispute = (await post(mediator.token, '/disputes', openBody()).expect(201)).body as { id: string };
    const mediation = await post(mediator.token, '/mediations', referralBody());
    expect(mediation.status).toBe(201);
    for (const [record, id] of [['disputes', dispute.id], ['mediations', mediation.body.id]] as const) {
      const first = await post(mediator.token, `/${record}/${id}/letters`, { kind: 'reminder-letter', facts: '拖欠工资', requests: '按时支付工资' });
      expect(first.status).toBe(201);
      expect(first.headers.location).toBe(`/api/v1/${record}/${id}/documents/reminder-letter?letterId=${first.body.letterId}`);
      const second = await post(mediator.token, `/${record}/${id}/letters`, { kind: 'reminder-letter', facts: '仍未支付', requests: '三日内支付' });
      expect(second.headers.location).toBe(`/api/v1/${record}/${id}/documents/reminder-letter?letterId=${second.body.letterId}`);
      // Each address reads its own letter (the first stays readable after the second).
      for (const letter of [first, second]) {
        const read = await app.http().get(letter.headers.location).set(...bearer(mediator.token));
        expect({ record, status: read.status }).toEqual({ record, status: 200 });
        expect(read.headers['content-type']).toContain('officedocument.wordprocessingml');
      }
    }
  });

  it('give an issued monthly report and a revision their addresses, by month and revision', async () => {
    const districtSupervisor = await app.user('supervisor');
    const issued = await post(districtSupervisor.token, '/reports/monthly', { month: '2026-01' });
    expect(issued.status).toBe(201);
    expect(issued.headers.location).toBe('/api/v1/reports/monthly?month=2026-01');
    const read = await app.http().get(issued.headers.location).set(...bearer(districtSupervisor.token));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ revision: 1, report: { month: '2026-01' } });
    // Asked again: the stored report, 200, no Location (nothing was created).
    const again = await post(districtSupervisor.token, '/reports/monthly', { month: '2026-01' });
    expect(again.status).toBe(200);
    expect(again.headers.location).toBeUndefined();

    // A case back-dated into January puts the report out of date; its revision has an address of its own.
    await post(mediator.token, '/disputes', openBody({ openedOn: '2026-01-15', claimants: [{ name: '王五' }] })).expect(201);
    await app.settled();
    const revised = await post(districtSupervisor.token, '/reports/monthly/revisions', { month: '2026-01', reason: '补录1月来访案件' });
    expect(revised.status).toBe(201);
    expect(revised.headers.location).toBe('/api/v1/reports/monthly?month=2026-01&revision=2');
    const version = await app.http().get(revised.headers.location).set(...bearer(districtSupervisor.token));
    expect(version.status).toBe(200);
    expect(version.body).toMatchObject({ revision: 2, currentRevision: 2, outOfDate: false });
  });
});

describe('bodies that are not JSON', () => {
  it('answers a form or plain text with 415, and malformed JSON with problem+json carrying a code; nothing is written', async () => {
    const before = await app.requestEventCount();
    const form = await app.http().post('/api/v1/disputes').set(...bearer(mediator.token)).type('form').send('channel=walk_in&subDistrict=pinghu');
    expect(form.status).toBe(415);
    expect(form.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(form.body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    const plain = await app.http().post('/api/v1/disputes').set(...bearer(mediator.token)).set('Content-Type', 'text/plain').send('hello');
    expect(plain.status).toBe(415);

    const malformed = await app
      .http()
      .post('/api/v1/disputes')
      .set(...bearer(mediator.token))
      .set('Content-Type', 'application/json')
      .send('{"channel": "walk_in",');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.body).toMatchObject({ status: 400, code: 'malformed_json', type: 'urn:labour-cases:problem:malformed-json' });
    // Without a token the body is read by the small parser in front of the general one: the same code.
    const anonymous = await app.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expect(anonymous.status).toBe(400);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anonymous.body).toMatchObject({ status: 400, code: 'malformed_json', type: 'urn:labour-cases:problem:malformed-json' });

    // A route Express does not know still answers with a code.
    const nowhere = await get(admin, '/nowhere').expect(404);
    expect(nowhere.body.code).toBe('not_found');
    expect(await app.requestEventCount()).toBe(before);
  });

  it('answers a query with raw (not percent-encoded) UTF-8, which Node refuses before any route, with problem+json too', async () => {
    const { port } = app.api.getHttpServer().address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(Buffer.concat([Buffer.from('GET /api/v1/complaints?q='), Buffer.from('网络舆情', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n')]));
      });
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body)).toMatchObject({ status: 400, code: 'bad_request', detail: expect.stringContaining('percent-encode') });
  });
});

describe('China time', () => {
  it('writes every instant with +08:00 and leaves dates as dates', async () => {
    const { id } = (await post(mediator.token, '/disputes', openBody()).expect(201)).body;
    await post(mediator.token, `/disputes/${id}/steps`, { kind: 'contact', note: '电话联系企业', occurredAt: '2026-03-03T10:00:00+08:00' }).expect(200);
    await app.settled();
    const timeline = (await get(mediator.token, `/disputes/${id}/timeline`).expect(200)).body;
    for (const item of timeline.events) expect(item.recordedAt).toMatch(CHINA_INSTANT);
    // Stored in UTC in the log, answered in China time: the same instant.
    expect(timeline.events[1].data.occurredAt).toBe('2026-03-03T10:00:00.000+08:00');
    const listed = (await get(mediator.token, '/disputes').expect(200)).body.items.find((d: { id: string }) => d.id === id);
    expect(listed.updatedAt).toMatch(CHINA_INSTANT);
    expect(listed.openedOn).toBe('2026-03-02');
  });

  it('writes the X-Data-* headers of a download in China time, the same instant as the JSON answer’s freshness', async () => {
    const districtSupervisor = await app.user('supervisor');
    await post(mediator.token, '/disputes', openBody({ openedOn: '2026-02-10', claimants: [{ name: '赵七' }] })).expect(201);
    await app.settled();
    const json = await get(districtSupervisor.token, '/reports/monthly?month=2026-02').expect(200);
    const download = await get(districtSupervisor.token, '/reports/monthly?month=2026-02&format=xlsx')
      .buffer(true)
      .parse((res, done) => {
        res.on('data', () => undefined);
        res.on('end', () => done(null, null));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('spreadsheetml');
    expect(download.headers['x-data-as-of']).toMatch(CHINA_INSTANT);
    expect(download.headers['x-data-as-of']).toBe(json.body.freshness.asOf);
    expect(download.headers['x-data-up-to-date']).toBe('true');
    expect(download.headers['x-data-behind-events']).toBe('0');
  });

  it('speaks of China time in a message about an instant in the future, whatever offset was sent', async () => {
    const { id } = (await post(mediator.token, '/disputes', openBody()).expect(201)).body;
    // NOW is 2026-03-10 10:00 in Shanghai; the step is dated the next day, sent in UTC.
    const future = await post(mediator.token, `/disputes/${id}/steps`, { kind: 'contact', note: '电话联系企业', occurredAt: '2026-03-11T02:00:00Z' });
    expect(future.status).toBe(422);
    expect(future.body.detail).toBe('occurredAt 2026-03-11T10:00:00.000+08:00 is in the future (it is now 2026-03-10T10:00:00.000+08:00, China time)');
    expect(future.body.errors).toEqual([{ field: 'occurredAt', message: expect.any(String) }]);
    expect(JSON.stringify(future.body)).not.toMatch(/\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/);
  });
});

describe('timelines name their actors', () => {
  it('shows each actor’s display name and role', async () => {
    const { id } = (await post(mediator.token, '/disputes', openBody()).expect(201)).body;
    await post(mediator.token, `/disputes/${id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-03-05', note: '达成协议' }).expect(200);
    await app.settled();
    const timeline = (await get(supervisor.token, `/disputes/${id}/timeline`).expect(200)).body;
    expect(timeline.events[0].actor).toEqual({ id: mediator.id, role: 'mediator', displayName: '李梅', username: 'li.mei' });
    expect(timeline.events[1]).toMatchObject({ type: 'DisputeResolved', actor: { displayName: '李梅', role: 'mediator' } });
  });
});

describe('reopening', () => {
  it('may be back-dated, but not into the future nor before the resolution', async () => {
    const { id } = (await post(mediator.token, '/disputes', openBody()).expect(201)).body;
    await post(mediator.token, `/disputes/${id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-03-05', note: '达成协议' }).expect(200);
    const before = await app.requestEventCount();
    const early = await post(supervisor.token, `/disputes/${id}/reopen`, { reason: '企业未按协议支付', reopenedOn: '2026-03-04' });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'reopenedOn' })]);
    expect((await post(supervisor.token, `/disputes/${id}/reopen`, { reason: '企业未按协议支付', reopenedOn: '2026-03-11' })).status).toBe(422);
    expect((await post(supervisor.token, `/disputes/${id}/reopen`, { reason: '企业未按协议支付', reopenedOn: '7 March' })).status).toBe(400);
    expect(await app.requestEventCount()).toBe(before);

    await post(supervisor.token, `/disputes/${id}/reopen`, { reason: '企业未按协议支付', reopenedOn: '2026-03-07' }).expect(200);
    const [reopened] = (await app.store.readStream(`dispute-${id}`)).filter((e) => e.type === 'DisputeReopened');
    expect(reopened.data).toEqual({ reason: '企业未按协议支付', reopenedOn: '2026-03-07' });
    // Resolved again: not before the day it was reopened.
    expect((await post(mediator.token, `/disputes/${id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-03-06', note: '再次协议' })).status).toBe(422);
    await post(mediator.token, `/disputes/${id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-03-08', note: '再次协议' }).expect(200);
  });
});

describe('one way to make an informant', () => {
  it('refuses POST /users with role informant, saying to use the informant registry; the registry makes the account', async () => {
    const before = await app.requestEventCount();
    const refused = await post(admin, '/users', { username: 'chen.xh', password: 'a-long-passphrase', role: 'informant', subDistrict: 'pinghu' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'role', message: expect.stringContaining('POST /api/v1/informants') }]);
    expect(await app.requestEventCount()).toBe(before);
    // Nor into one by a change of role.
    const changed = await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).send({ role: 'informant' });
    expect(changed.status).toBe(400);
    expect(changed.body.errors).toEqual([{ field: 'role', message: expect.stringContaining('POST /api/v1/informants') }]);
    // The document lists the roles the server takes, and says where informants are made.
    const doc = (await app.http().get('/docs/openapi.json').expect(200)).body;
    for (const [path, method] of [['/api/v1/users', 'post'], ['/api/v1/users/{id}', 'patch']]) {
      const role = doc.paths[path][method].requestBody.content['application/json'].schema.properties.role;
      expect({ path, method, role: role.enum }).toEqual({ path, method, role: ['admin', 'supervisor', 'mediator'] });
      expect(role.description).toContain('POST /api/v1/informants');
    }

    const registered = await post(admin, '/informants', {
      username: 'chen.xh',
      password: 'a-long-passphrase',
      name: '陈小红',
      phone: '13812345678',
      subDistrict: 'pinghu',
      enterprises: ['91440300708461136T'],
    });
    expect(registered.status).toBe(201);
    expect(registered.headers.location).toBe(`/api/v1/informants/${registered.body.id}`);
    await app.login('chen.xh', 'a-long-passphrase');
  });
});

describe('the OpenAPI document', () => {
  it('states the server’s limits and documents answers of the new routes', async () => {
    const doc = (await app.http().get('/docs/openapi.json').expect(200)).body;
    const createUser = doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema;
    expect(createUser.properties.password.minLength).toBe(10);
    const informant = doc.paths['/api/v1/informants'].post.requestBody.content['application/json'].schema;
    expect(informant.properties.password.minLength).toBe(10);

    const mediators = doc.paths['/api/v1/mediators'].get;
    expect(mediators.description).toEqual(expect.any(String));
    expect(mediators.responses['200'].content['application/json'].schema.properties.items.items.properties.workload).toBeDefined();
    expect(mediators.responses['403'].content['application/problem+json']).toBeDefined();
    const work = doc.paths['/api/v1/me/work'].get.responses['200'].content['application/json'].schema;
    expect(work.properties.items.items.properties.urgency.enum).toEqual(['overdue', 'due_soon', 'running', 'none']);
    expect(doc.paths['/api/v1/notifications/{id}/read'].post.responses['404']).toBeDefined();
    // Read routes say how current they are; 201s say where the created record is read.
    expect(mediators.responses['200'].content['application/json'].schema.properties.freshness).toBeDefined();
    expect(work.properties.freshness).toBeDefined();
    for (const path of ['/api/v1/disputes/{id}/letters', '/api/v1/mediations/{id}/letters', '/api/v1/reports/monthly', '/api/v1/reports/monthly/revisions']) {
      expect({ path, location: doc.paths[path].post.responses['201'].headers?.Location !== undefined }).toEqual({ path, location: true });
    }
  });
});
