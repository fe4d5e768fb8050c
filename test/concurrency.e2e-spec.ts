import { bearer, startTestApp, TestApp } from './support/test-app';
import { openDisputeBody } from './support/bodies';

/**
 * Issue 12 §4: a command without If-Match means "apply to the current state", so concurrent
 * writers of one case all get through (the server decides again after a lost race); with If-Match
 * the client decided on a version, and a changed record is 412. No answer names an internal stream.
 */
const NOW = new Date('2026-03-10T02:00:00Z');
const CONCURRENT = 100;

let app: TestApp;
let mediator: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp('concurrency', { now: NOW });
  mediator = await app.user('mediator', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});

const post = (path: string, body: object, headers: Record<string, string> = {}) =>
  app.http().post(`/api/v1${path}`).set(...bearer(mediator.token)).set(headers).send(body);

async function openCase(): Promise<string> {
  const res = await post('/disputes', openDisputeBody());
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const step = (n: number) => ({ kind: 'contact', note: `第${n}次电话联系企业负责人`, occurredAt: '2026-03-03T10:00:00+08:00' });

it(`${CONCURRENT} concurrent step logs on one case without If-Match all succeed, each appended once`, async () => {
  const id = await openCase();
  const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, n) => post(`/disputes/${id}/steps`, step(n))));
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  // Each answer names the version its own step made: all different, 2..101.
  expect(answers.map((a) => a.body.version as number).sort((a, b) => a - b)).toEqual(
    Array.from({ length: CONCURRENT }, (_, n) => n + 2),
  );
  const events = await app.store.readStream(`dispute-${id}`);
  expect(events.filter((e) => e.type === 'StepLogged')).toHaveLength(CONCURRENT);
  const notes = events.filter((e) => e.type === 'StepLogged').map((e) => (e.data as { note: string }).note);
  expect(new Set(notes).size).toBe(CONCURRENT);
});

it('with If-Match on the same version, one wins and the others get 412 without internal stream names', async () => {
  const id = await openCase();
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, n) => post(`/disputes/${id}/steps`, step(n), { 'If-Match': '"1"' })),
  );
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 412)).toHaveLength(19);
  for (const refused of answers.filter((a) => a.status === 412)) {
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 412, code: 'precondition_failed' });
    expect(JSON.stringify(refused.body)).not.toMatch(/dispute-[0-9a-f]{8}/);
  }
  expect((await app.store.readStream(`dispute-${id}`)).length).toBe(2);
});
