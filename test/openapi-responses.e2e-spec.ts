import { z } from 'zod';
import { complaintDetailSchema, complaintPageSchema, disputeDetailSchema, disputePageSchema, disputeTimelineSchema, openedDisputeSchema } from '@lc/disputes';
import { duplicateProblemSchema, freshnessSchema, toOpenApiResponseSchema, writtenSchema } from '@lc/http';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';
import { mediationDetailSchema, mediationPageSchema, mediationTimelineSchema } from '../libs/mediations/src/http/mediations.responses';
import { monthlyReportViewSchema, summarySchema } from '../libs/reporting/src/http/reporting.responses';
import { accountPageSchema, accountSchema, currentActorSchema, tokenPairSchema } from '../libs/accounts/src/users/accounts.responses';

/*
 * The response schemas of the OpenAPI document (issue 10 §5) are the answers' real shapes: real
 * answers of the main routes, read through the documented zod schemas, lose no field and break no
 * type. (The document is checked route by route in web-api-client.int-spec.ts.)
 */

const NOW = new Date('2026-03-10T02:00:00Z');
let app: TestApp;
let admin: string;
let mediator: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp('openapi-responses', { now: NOW });
  admin = await app.login(ADMIN.username, ADMIN.password);
  mediator = await app.user('mediator', 'pinghu');
});
afterAll(async () => {
  await app?.close();
});

/** Every field of the body is documented and of the documented type: the schema, strict all the way down, parses it. */
function expectDocumented(schema: z.ZodType, body: unknown, fresh = false) {
  const strict = deepStrict(fresh ? (schema as z.ZodObject).extend({ freshness: freshnessSchema }) : schema);
  const result = strict.safeParse(body);
  expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
}

function deepStrict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return z.strictObject(Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, deepStrict(v as z.ZodType)])));
  if (schema instanceof z.ZodArray) return z.array(deepStrict(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return deepStrict(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return deepStrict(schema.unwrap() as z.ZodType).optional();
  return schema;
}

const post = (token: string, path: string, body: unknown) => app.http().post(`/api/v1${path}`).set(...bearer(token)).send(body as object);
const get = (token: string, path: string) => app.http().get(`/api/v1${path}`).set(...bearer(token));

it('documents the answers of auth, users, disputes, complaints, mediations and statistics as they are', async () => {
  const login = await app.http().post('/api/v1/auth/login').send({ username: ADMIN.username, password: ADMIN.password });
  expectDocumented(tokenPairSchema, login.body);
  expectDocumented(currentActorSchema, (await get(admin, '/auth/me')).body);
  expectDocumented(accountSchema, (await get(admin, `/users/${mediator.id}`)).body, true);

  const opened = await post(mediator.token, '/disputes', {
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer: { name: '深圳市文档检查有限公司', creditCode: '91350200776049653A' },
    category: 'wage_arrears',
    workersInvolved: 2,
    amountClaimedFen: 2_000_000,
    summary: '两名员工反映工资未发',
    openedOn: '2026-03-02',
    claimants: [{ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' }],
  });
  expect(opened.status).toBe(201);
  expectDocumented(openedDisputeSchema, opened.body);
  const resolved = await post(mediator.token, `/disputes/${opened.body.id}/resolution`, { outcome: 'agreement', resolvedOn: '2026-03-05', note: '达成协议' });
  expect(resolved.status).toBe(200);
  expectDocumented(writtenSchema, resolved.body);

  const complaint = await post(mediator.token, '/complaints', {
    source: 'hotline_12351',
    workOrderNo: 'DOC-2026-0001',
    subDistrict: 'pinghu',
    employer: { name: '深圳市文档检查有限公司' },
    summary: '来电反映欠薪',
    receivedAt: '2026-03-05T09:30:00+08:00',
  });
  expect(complaint.status).toBe(201);
  const referred = await post(mediator.token, '/mediations', {
    court: '深圳市龙岗区人民法院',
    courtCaseNo: '（2026）粤0307民诉前调9901号',
    referredOn: '2026-03-02',
    subDistrict: 'pinghu',
    category: 'wage_arrears',
    employer: { name: '深圳市文档检查有限公司', creditCode: '91350200776049653A' },
    workers: [{ name: '王五' }],
    claimAmountFen: 1_000_000,
  });
  expect(referred.status).toBe(201);
  await app.settled();

  expectDocumented(disputeDetailSchema, (await get(admin, `/disputes/${opened.body.id}`)).body, true);
  expectDocumented(disputeTimelineSchema, (await get(admin, `/disputes/${opened.body.id}/timeline`)).body, true);
  const disputes = await get(admin, '/disputes');
  expect(disputes.body.total).toBeGreaterThan(0);
  expectDocumented(disputePageSchema, disputes.body, true);
  expectDocumented(complaintDetailSchema, (await get(admin, `/complaints/${complaint.body.id}`)).body, true);
  expectDocumented(complaintPageSchema, (await get(admin, '/complaints')).body, true);
  expectDocumented(mediationDetailSchema, (await get(admin, `/mediations/${referred.body.id}`)).body, true);
  expectDocumented(mediationTimelineSchema, (await get(admin, `/mediations/${referred.body.id}/timeline`)).body, true);
  expectDocumented(mediationPageSchema, (await get(admin, '/mediations')).body, true);
  expectDocumented(accountPageSchema, (await get(admin, '/users')).body, true);
  expectDocumented(summarySchema, (await get(admin, '/stats/summary?period=2026-03')).body, true);
  // February is over: its report is issued (by the worker's catch-up at start, or on demand), with its audit.
  const monthly = await get(admin, '/reports/monthly?month=2026-02');
  expect(monthly.body.versions).toEqual([expect.objectContaining({ revision: 1, reason: null, actor: expect.any(Object) })]);
  expectDocumented(monthlyReportViewSchema, monthly.body, true);
});

it('documents the 409 duplicate answers as they are: `existing` names the record there is', async () => {
  const employer = { name: '深圳市重复检查有限公司', creditCode: '91440300708461136T' };
  const caseBody = {
    channel: 'walk_in',
    subDistrict: 'pinghu',
    employer,
    category: 'wage_arrears',
    workersInvolved: 1,
    amountClaimedFen: 500_000,
    summary: '一名员工反映工资未发',
    openedOn: '2026-03-03',
    claimants: [{ name: '李四', idNumber: '11010519491231002X', phone: '13912345678' }],
  };
  const first = await post(mediator.token, '/disputes', caseBody);
  expect(first.status).toBe(201);
  await app.settled();
  // The same claimant at the same employer, while that case is open: 409 naming it (caseNo, matchedBy, all).
  const overlap = await post(mediator.token, '/disputes', caseBody);
  expect(overlap.status).toBe(409);
  expect(overlap.body.existing).toMatchObject({ kind: 'dispute', id: first.body.id, caseNo: first.body.caseNo });
  expectDocumented(duplicateProblemSchema, overlap.body);

  const complaint = { source: 'hotline_12351', workOrderNo: 'DOC-2026-DUP1', subDistrict: 'pinghu', employer: { name: employer.name }, summary: '来电反映欠薪', receivedAt: '2026-03-05T09:30:00+08:00' };
  const received = await post(mediator.token, '/complaints', complaint);
  expect(received.status).toBe(201);
  const again = await post(mediator.token, '/complaints', complaint);
  expect(again.status).toBe(409);
  expect(again.body.existing).toEqual({ kind: 'complaint', id: received.body.id });
  expectDocumented(duplicateProblemSchema, again.body);

  // The document's 409 of every route that can answer `duplicate` is this schema.
  const doc = (await app.http().get('/docs/openapi.json').expect(200)).body;
  const documented = toOpenApiResponseSchema(duplicateProblemSchema);
  for (const [path, method] of [
    ['/api/v1/disputes', 'post'],
    ['/api/v1/complaints', 'post'],
    ['/api/v1/mediations', 'post'],
    ['/api/v1/complaints/{id}/conversion', 'post'],
    ['/api/v1/alerts/{id}/conversion', 'post'],
  ]) {
    const schema = doc.paths[path][method].responses['409']?.content?.['application/problem+json']?.schema;
    expect({ route: `${method} ${path}`, schema }).toEqual({ route: `${method} ${path}`, schema: documented });
  }
});
