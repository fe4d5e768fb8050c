import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web application's typed client (apps/web/src/api) is generated from the API's own OpenAPI
 * document. Regenerating it from the built API must change nothing: a route or a request schema
 * changed without `npm run web:api` fails here, before a page calls an API that is not there.
 */
describe('the web API client', () => {
  it('is generated from the current OpenAPI document (npm run web:api)', () => {
    const root = join(__dirname, '..');
    const check = spawnSync(process.execPath, ['scripts/web-api.js', '--check'], { cwd: root, encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

type Operation = {
  summary?: string;
  description?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }>;
};

/**
 * Every route of the OpenAPI document (the one the test above proves current) says what it
 * answers: a description, the schema of its successful answer (a 204 has none), and its error
 * answers as problem+json, 401 included when it needs a token. Issue 10 §5.
 */
describe('the OpenAPI document', () => {
  const document = JSON.parse(readFileSync(join(__dirname, '../apps/web/src/api/openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );

  function gaps(operation: Operation): string[] {
    const found: string[] = [];
    if (!operation.summary?.trim() || !operation.description?.trim()) found.push('summary and description');
    const statuses = Object.keys(operation.responses ?? {});
    const success = statuses.filter((s) => s.startsWith('2'));
    const described = success.some((s) => s === '204' || Object.values(operation.responses[s].content ?? {}).some((media) => media.schema));
    if (!described) found.push('a 2xx response schema');
    const errors = statuses.filter((s) => Number(s) >= 400);
    if (!errors.length) found.push('error responses');
    for (const status of errors.filter((s) => s.startsWith('4'))) {
      if (!operation.responses[status].content?.['application/problem+json']?.schema) found.push(`${status} as problem+json`);
    }
    if (operation.security?.length && !statuses.includes('401')) found.push('401');
    return found;
  }

  it('documents every route: description, 2xx schema and problem+json errors', () => {
    expect(operations.length).toBeGreaterThan(70);
    const undocumented = operations.map(({ route, operation }) => ({ route, gaps: gaps(operation) })).filter((o) => o.gaps.length);
    expect(undocumented).toEqual([]);
  });

  it('documents the limits in front of every route: 429 with Retry-After everywhere, 413 and 415 wherever a body may come', () => {
    // The rate limits (per address, per account) run before any route; so do the body limit and the JSON-only rule on POST, PUT and PATCH.
    const missing = operations.flatMap(({ route, operation }) => {
      const found: string[] = [];
      if (!operation.responses['429']?.content?.['application/problem+json']?.schema) found.push('429');
      if (!operation.responses['429']?.headers?.['Retry-After']) found.push('Retry-After on 429');
      if (/^(POST|PUT|PATCH) /.test(route)) for (const status of ['413', '415']) if (!operation.responses[status]) found.push(status);
      return found.length ? [{ route, missing: found }] : [];
    });
    expect(missing).toEqual([]);
  });

  it('states the server’s limits: a password has at least 10 characters', () => {
    const body = (document.paths['/api/v1/users'].post as unknown as { requestBody: { content: Record<string, { schema: { properties: Record<string, { minLength?: number }> } }> } })
      .requestBody.content['application/json'].schema;
    expect(body.properties.password.minLength).toBe(10);
  });
});
