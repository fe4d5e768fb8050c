import { randomUUID } from 'node:crypto';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { openDisputeBody } from './support/bodies';

/**
 * Issue 12 §3: text the stores cannot keep, dates outside any sensible span and JSON nested
 * thousands deep are a 400 naming the field, on every route, and use nothing up: no event, no case
 * number, no Idempotency-Key kept.
 */
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
let mediator: { id: string; token: string };
let informant: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp('hostile', { now: NOW });
  mediator = await app.user('mediator', 'pinghu');
  informant = await app.user('informant', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});


/** Sends a raw JSON text, so that lone surrogates and odd nestings reach the server as written. */
const postRaw = (token: string, path: string, json: string, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set('Content-Type', 'application/json').set(headers).send(json);

async function refusedWithoutTrace(send: () => Promise<{ status: number; headers: Record<string, string>; body: unknown }>, field: string) {
  const before = await app.requestEventCount();
  const res = await send();
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((res.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain(field);
  expect(await app.requestEventCount()).toBe(before);
  return res;
}

describe('NUL and lone surrogates', () => {
  it('in a body string: 400 naming the field, no event, and no case number used up', async () => {
    await refusedWithoutTrace(() => postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody({ summary: '工资\u0000未发放' }))), 'summary');
    await refusedWithoutTrace(
      () => postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody()).replace('"张三"', '"\\ud800张三"')),
      'claimants.0.name',
    );
    await refusedWithoutTrace(
      () => postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody({ employer: { name: '某\udfff公司', creditCode: '91440300708461136T' } }))),
      'employer.name',
    );
    // The numbering has no gap: the first case that opens is number 1 of the year.
    const opened = await postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody()));
    expect(opened.status).toBe(201);
    expect(opened.body.caseNo).toMatch(/-2026-0001$/);
  });

  it('with an Idempotency-Key: the key is not kept, so the corrected request runs', async () => {
    const key = randomUUID();
    await refusedWithoutTrace(
      () => postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody({ summary: 'a\u0000' })), { 'Idempotency-Key': key }),
      'summary',
    );
    const corrected = await postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody()), { 'Idempotency-Key': key });
    expect(corrected.status).toBe(201);
  });

  it('in a query string and in a path: 400 naming the parameter', async () => {
    const list = await app.http().get('/api/v1/disputes?status=open%00').set(...bearer(mediator.token));
    expect(list.status).toBe(400);
    expect(list.body.errors).toEqual([{ field: 'status', message: expect.stringContaining('NUL') }]);
    const one = await app.http().get('/api/v1/disputes/%00').set(...bearer(mediator.token));
    expect(one.status).toBe(400);
    expect(one.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it("in the login's username: 400, not 500", async () => {
    const res = await app.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":"ad\\u0000min","password":"x"}');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'username', message: expect.any(String) }]);
  });

  it('in an alert from an informant: 400, no alert', async () => {
    const body = {
      enterprise: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
      subDistrict: 'pinghu',
      signals: ['wage_delay'],
      workersAffected: 40,
      description: '\u0000',
      observedAt: '2026-03-10T09:00:00+08:00',
    };
    await refusedWithoutTrace(() => postRaw(informant.token, '/alerts', JSON.stringify(body), { 'Idempotency-Key': randomUUID() }), 'description');
  });
});

describe('dates', () => {
  it.each([
    ['0001-01-01', 'openedOn'],
    ['1949-09-30', 'openedOn'],
    ['9999-12-31', 'openedOn'],
  ])('%s is refused with 400 naming the field', async (date, field) => {
    await refusedWithoutTrace(() => postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody({ openedOn: date }))), field);
  });

  it('1949-10-01 is inside the span (and the decider then judges it against the rules)', async () => {
    const res = await postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody({ openedOn: '1949-10-01' })));
    expect(res.status).not.toBe(400);
    expect(res.status).toBeLessThan(500);
  });

  it('an instant in year 1 and a list filter in year 1 are refused too', async () => {
    const opened = await postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody()));
    await refusedWithoutTrace(
      () => postRaw(mediator.token, `/disputes/${opened.body.id}/steps`, JSON.stringify({ kind: 'contact', note: '电话', occurredAt: '0001-01-01T00:00:00Z' })),
      'occurredAt',
    );
    const list = await app.http().get('/api/v1/disputes?openedFrom=0001-01-01').set(...bearer(mediator.token));
    expect(list.status).toBe(400);
    expect(list.body.errors.map((e: { field: string }) => e.field)).toEqual(['openedFrom']);
  });

  it('a date after today where the past is meant is refused, naming the field, and uses no case number', async () => {
    const before = await app.requestEventCount();
    const allocations = async () =>
      (await app.store.readStream('case-numbers-LG-PH-2026')).length;
    const allocated = await allocations();
    const res = await postRaw(mediator.token, '/disputes', JSON.stringify(openDisputeBody({ openedOn: '2026-03-11' })));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['openedOn']);
    expect(await app.requestEventCount()).toBe(before);
    expect(await allocations()).toBe(allocated);
  });
});

describe('deep JSON', () => {
  it('10,000 levels answer 400 naming the body, with and without an Idempotency-Key, on any route', async () => {
    const deep = `{"summary":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const variants: Array<Record<string, string>> = [{}, { 'Idempotency-Key': randomUUID() }];
    for (const headers of variants) {
      await refusedWithoutTrace(() => postRaw(mediator.token, '/disputes', deep, headers), 'body');
    }
    const login = await app.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(deep);
    expect(login.status).toBe(400);
    expect(login.body.errors).toEqual([{ field: 'body', message: expect.stringContaining('levels') }]);
  });
});
