import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { recordMeasurement } from './measurements';

/**
 * Issue 12 §3: hostile requests for every route, generated from the route's own OpenAPI schema
 * (bodies and query strings near the valid ones, then broken: NUL and lone surrogates, dates in
 * year 1 or 9999, huge and fractional numbers, wrong types, unknown and prototype-named keys, deep
 * nesting, malformed JSON, wrong content types), sent as every role and as nobody. However hostile
 * the request: never a 5xx; every error is problem+json; a refused request leaves the event store
 * (and the Idempotency-Key table) exactly as it was.
 */
const NOW = new Date('2026-03-10T02:00:00Z');
/** At least 2,000 per run (issue 12); FUZZ_RUNS and FUZZ_SEED are for reproducing a failure. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  $ref?: string;
};
interface Route {
  method: string;
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: Schema }>;
  body?: Schema;
}

let app: TestApp;
let sql: DataSource;
let routes: Route[];
const tokens: Record<string, string | undefined> = { nobody: undefined };
/** Real record ids, so that hostile bodies also reach the deciders of existing records. */
const ids: string[] = [];

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '',
  ' ',
  'x'.repeat(5_000),
  '0001-01-01',
  '9999-12-31',
  '1949-09-30',
  '2026-02-30',
  '0001-01-01T00:00:00Z',
  '2026-03-10T10:00:00',
  '-000001-01-01T00:00:00Z',
  '__proto__',
  'constructor',
  "'; DROP TABLE events; --",
  '%00',
  '../../etc/passwd',
  '😀',
  '\u202e\u0645',
  'NaN',
  '1e400',
  '-1',
  '00000000-0000-0000-0000-000000000000',
];
const HOSTILE_NUMBERS = [0, -1, -0.5, 1.5, 2 ** 53 + 2, 1e308, -1e308, 100_001, 1e12 + 1];

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  let current = schema;
  for (let i = 0; current?.$ref && i < 10; i++) current = components[current.$ref.split('/').pop()!] ?? {};
  return current ?? {};
}

const HOSTILE: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, [], {}, [null], { ['__proto__']: { polluted: true } }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map((t) => `${t}\u0000`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/**
 * Values the validators accept, by the field's name, so that generated bodies get past the schema
 * often enough to reach the deciders and the stores (a random string is never a credit code).
 */
const GOOD_BY_NAME: Record<string, unknown[]> = {
  creditCode: ['91440300708461136T'],
  idNumber: ['11010519491231002X'],
  phone: ['13812345678', '0755-28881234'],
  subDistrict: ['pinghu', 'buji'],
  name: ['张三', '深圳市某某电子有限公司'],
  username: ['admin', 'mediator1'],
  password: ['a-long-passphrase-1'],
};
const RECENT_DATES = ['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-10'];
const RECENT_INSTANTS = ['2026-03-05T10:00:00+08:00', '2026-03-09T23:59:00+08:00', '2026-03-10T01:00:00Z'];

/** A value for the schema: fitting, or (with `hostile`) now and then a hostile one at any level. */
function valueOf(schema: Schema, components: Record<string, Schema>, depth = 0, name = '', hostile = true): fc.Arbitrary<unknown> {
  const fitting = fittingValue(resolve(schema, components), components, depth, name, hostile);
  return hostile ? fc.oneof({ weight: 8, arbitrary: fitting }, { weight: 1, arbitrary: HOSTILE }) : fitting;
}

function fittingValue(s: Schema, components: Record<string, Schema>, depth: number, name: string, hostile: boolean): fc.Arbitrary<unknown> {
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valueOf(a, components, depth, name, hostile)));
  if (s.allOf?.length) return valueOf(s.allOf[0], components, depth, name, hostile);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'date') {
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...RECENT_DATES) },
          { weight: 1, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
        );
      }
      if (s.format === 'date-time') {
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...RECENT_INSTANTS) },
          { weight: 1, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString()) },
        );
      }
      if (s.format === 'uuid' || /Id$/.test(name)) return fc.oneof(fc.constantFrom(...(ids.length ? ids : [randomUUID()])), fc.uuid());
      const good = GOOD_BY_NAME[name];
      if (good) return fc.constantFrom(...good);
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('工资未发放', '电话联系企业负责人', '老板失联，工人聚集') },
        { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: Math.min(s.maxLength ?? 40, 60) }) },
      );
    }
    case 'integer': {
      const min = Math.max(s.minimum ?? 0, -1e6);
      return fc.integer({ min, max: Math.max(min, Math.min(s.maximum ?? 1e6, 1e9)) });
    }
    case 'number':
      return fc.double({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 1e6, 1e9), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const minLength = Math.min(s.minItems ?? 0, 3);
      return fc.array(valueOf(s.items ?? {}, components, depth + 1, name, hostile), { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)) });
    }
    case 'object':
    default: {
      if (depth > 4 || !s.properties) return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
      const shape = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, valueOf(v, components, depth + 1, k, hostile)]));
      const known = fc.record(shape, { requiredKeys: (s.required ?? []).filter((k) => k in shape) });
      if (!hostile) return known;
      const extra = fc.dictionary(fc.constantFrom('status', 'caseNo', 'version', '__proto__', 'constructor', 'extra\u0000', 'id'), fc.string({ maxLength: 5 }), { maxKeys: 2 });
      return fc.tuple(known, extra, fc.boolean()).map(([k, e, addExtra]) => (addExtra ? { ...k, ...e } : k));
    }
  }
}

/** A fitting value with exactly one of its leaves (strings, numbers, booleans) replaced by a hostile one. */
function withOneHostileLeaf(schema: Schema, components: Record<string, Schema>): fc.Arbitrary<unknown> {
  return fc.tuple(valueOf(schema, components, 0, '', false), HOSTILE, fc.nat()).map(([value, bad, pick]) => {
    const leaves: Array<{ holder: Record<string, unknown>; key: string }> = [];
    const stack: unknown[] = [value];
    while (stack.length) {
      const current = stack.pop();
      if (current && typeof current === 'object') {
        for (const [key, child] of Object.entries(current)) {
          if (child && typeof child === 'object') stack.push(child);
          else leaves.push({ holder: current as Record<string, unknown>, key });
        }
      }
    }
    if (leaves.length === 0) return bad;
    const { holder, key } = leaves[pick % leaves.length];
    holder[key] = bad;
    return value;
  });
}

/** The raw text of a body: JSON of a generated value, or something that is not JSON at all. */
function bodyText(route: Route, components: Record<string, Schema>): fc.Arbitrary<{ text?: string; contentType: string }> {
  const generated = route.body
    ? fc.oneof(valueOf(route.body, components), withOneHostileLeaf(route.body, components), valueOf(route.body, components, 0, '', false))
    : fc.oneof(fc.constant({}), valueOf({}, components));
  const json = generated.map((v) => ({
    text: JSON.stringify(v),
    contentType: 'application/json',
  }));
  const malformed = fc.constantFrom(
    { text: '{"a":', contentType: 'application/json' },
    { text: 'not json', contentType: 'application/json' },
    { text: '"\\ud800"', contentType: 'application/json' },
    { text: '{"summary":"\\u0000"}', contentType: 'application/json' },
    { text: `${'['.repeat(5_000)}${']'.repeat(5_000)}`, contentType: 'application/json' },
    { text: `{"a":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`, contentType: 'application/json' },
    { text: '[1,2,3]', contentType: 'application/json' },
    { text: 'null', contentType: 'application/json' },
    { text: '{"a":1}', contentType: 'text/plain' },
    { text: '<a/>', contentType: 'application/xml' },
    { text: 'a=1&b=%00', contentType: 'application/x-www-form-urlencoded' },
    { text: undefined, contentType: 'application/json' },
  );
  return fc.oneof({ weight: 6, arbitrary: json }, { weight: 1, arbitrary: malformed });
}

/** Percent-encoding; a lone surrogate has no UTF-8 form, so it goes as the bytes a careless client would send (CESU-8). */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text
      .split('')
      .map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c)))
      .join('');
  }
}

function queryText(route: Route, components: Record<string, Schema>): fc.Arbitrary<string> {
  const pairs = route.query.map(({ name, schema }) =>
    fc.option(
      valueOf(schema, components, 0, name).map((v) => `${encode(name)}=${encode(typeof v === 'string' ? v : JSON.stringify(v))}`),
      { nil: undefined },
    ),
  );
  const odd = fc.constantFrom('', '', '', 'unknown=1', 'page=1&page=2', 'a[b]=c', 'pageSize=%00', '%ZZ=1', 'status=%ED%A0%80', 'q=%F0%9F%98%80');
  return fc.tuple(fc.tuple(...pairs), odd).map(([parts, extra]) => [...parts.filter((p): p is string => p !== undefined), extra].filter(Boolean).join('&'));
}

const lonely = (s: string) => /[\ud800-\udfff]/.test(s);
function pathValue(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== '' && !lonely(s))) },
  );
}

interface Hostile {
  route: Route;
  role: string;
  path: string;
  query: string;
  body: { text?: string; contentType: string };
  idempotencyKey?: string;
}

function requestFor(route: Route, components: Record<string, Schema>): fc.Arbitrary<Hostile> {
  return fc.record({
    route: fc.constant(route),
    role: fc.constantFrom('admin', 'admin', 'supervisor', 'mediator', 'mediator', 'informant', 'nobody'),
    path: fc.tuple(...route.pathParams.map(() => pathValue())).map((values) =>
      route.pathParams.reduce((p, name, i) => p.replace(`{${name}}`, encode(values[i])), route.path),
    ),
    query: queryText(route, components),
    body: bodyText(route, components),
    idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.constantFrom('k', ' ', 'x'.repeat(300), 'same-key')), { nil: undefined }),
  });
}

/**
 * What a refused request must leave as it was: the events requests appended (as TestApp counts them) and the kept keys.
 * Events of the system actor are left out on purpose: the clocks append theirs on their own time, and a run of wrong
 * passwords is refused and must still record the lockout it causes (LoginLockedOut: issue 12 §2).
 */
async function footprint(): Promise<string> {
  const [row] = await sql.query(
    `SELECT (SELECT count(*) FROM event_store.events WHERE metadata->>'actorRole' IS DISTINCT FROM 'system') AS events,
            (SELECT count(*) FROM idempotency_keys) AS keys`,
  );
  return `${row.events} events, ${row.keys} keys`;
}

beforeAll(async () => {
  app = await startTestApp('fuzz', { now: NOW });
  sql = app.api.get(DataSource);
  tokens.admin = await app.login(ADMIN.username, ADMIN.password);
  tokens.mediator = (await app.user('mediator', 'pinghu')).token;
  tokens.supervisor = (await app.user('supervisor')).token;
  const informant = await app.user('informant', 'pinghu');
  tokens.informant = informant.token;
  const throwaway = await app.user('mediator', 'buji');
  ids.push(throwaway.id);

  const post = (token: string, path: string, body: object, headers: Record<string, string> = {}) =>
    app.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).set(headers).send(body);
  const employer = { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' };
  const dispute = await post(tokens.mediator, '/disputes', {
    channel: 'walk_in', subDistrict: 'pinghu', employer, category: 'wage_arrears', workersInvolved: 12,
    amountClaimedFen: 36_000_000, summary: '12名员工反映2月工资未发放', openedOn: '2026-03-02', claimants: [{ name: '张三' }],
  });
  const alert = await post(informant.token, '/alerts', {
    enterprise: employer, subDistrict: 'pinghu', signals: ['owner_unreachable', 'wage_delay'], workersAffected: 40,
    description: '老板已三天联系不上', observedAt: '2026-03-10T08:30:00+08:00',
  }, { 'Idempotency-Key': randomUUID() });
  for (const res of [dispute, alert]) if (res.status !== 201) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
  ids.push(dispute.body.id, alert.body.id, informant.id);

  const document = SwaggerModule.createDocument(app.api as INestApplication, new DocumentBuilder().build());
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  routes = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      const operation = (item as Record<string, unknown>)[method] as
        | { parameters?: Array<{ in: string; name: string; schema?: Schema }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }
        | undefined;
      if (!operation) continue;
      routes.push({
        method: method.toUpperCase(),
        path: path.replace(/^\/(?!api\/v1|health|docs)/, '/api/v1/'),
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  (globalThis as { fuzzComponents?: unknown }).fuzzComponents = components;
});

afterAll(async () => {
  await app?.close();
});

it(`${RUNS} hostile requests over every route: no 5xx, every error problem+json, nothing changed by a refused request`, async () => {
  const components = (globalThis as { fuzzComponents?: Record<string, Schema> }).fuzzComponents ?? {};
  expect(routes.length).toBeGreaterThan(40);
  const seen = { requests: 0, serverErrors: 0, refused: 0, accepted: 0, refusedThatChangedSomething: 0 };
  const statuses: Record<number, number> = {};
  const routesHit = new Set<string>();

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes).chain((route) => requestFor(route, components)),
      async (r) => {
        // Readiness answers 503 by design while the read models are behind the log, as they are for
        // a moment after each accepted write: it is asked once they have caught up, and must say 200.
        if (r.route.path === '/health/ready') await app.settled();
        const before = await footprint();
        let request = app.http()[r.route.method.toLowerCase() as 'get'](`${r.path}${r.query ? `?${r.query}` : ''}`);
        const token = tokens[r.role];
        if (token) request = request.set('Authorization', `Bearer ${token}`);
        if (r.idempotencyKey !== undefined) request = request.set('Idempotency-Key', r.idempotencyKey);
        if (r.route.method !== 'GET' && r.body.text !== undefined) request = request.set('Content-Type', r.body.contentType).send(r.body.text);
        const res = await request;
        seen.requests++;
        routesHit.add(`${r.route.method} ${r.route.path}`);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const what = `${r.route.method} ${r.path}?${r.query} as ${r.role}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        if (res.status >= 500) seen.serverErrors++;
        expect({ what, status: res.status < 500 }).toEqual({ what, status: true });
        if (res.status >= 400) {
          seen.refused++;
          expect({ what, type: res.headers['content-type'] }).toEqual({ what, type: expect.stringMatching(/^application\/problem\+json/) });
          expect({ what, status: res.body.status }).toEqual({ what, status: res.status });
          const changed = (await footprint()) !== before;
          if (changed) seen.refusedThatChangedSomething++;
          expect({ what, changed }).toEqual({ what, changed: false });
        } else seen.accepted++;
      },
    ),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );

  expect(seen.requests).toBe(RUNS);
  // Routes are drawn evenly: at 20 requests or more per route, one never drawn (odds below 1 in 10^6) is a bug in the generator.
  if (RUNS >= 20 * routes.length) {
    expect(routes.map((route) => `${route.method} ${route.path}`).filter((key) => !routesHit.has(key))).toEqual([]);
  }
  recordMeasurement('fuzz', {
    scenario: 'hostile requests generated from every route’s OpenAPI schema, as every role and as nobody',
    routes: routes.length,
    routesHit: routesHit.size,
    requestsTried: seen.requests,
    serverErrors: seen.serverErrors,
    refused: seen.refused,
    accepted: seen.accepted,
    refusedThatChangedSomething: seen.refusedThatChangedSomething,
    statuses,
  });
  // Some 2,000 requests with two footprint reads each: minutes on a busy machine.
}, 900_000);
