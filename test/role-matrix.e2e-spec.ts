import { randomUUID } from 'node:crypto';
import { Role } from '@lc/access';
import { ROUTE_RULES } from './role-matrix';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

/** Every route the app registers × every role (and no token): allowed or denied as ROUTE_RULES says. */
let app: TestApp;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  app = await startTestApp('roles');
  tokens.admin = await app.login(ADMIN.username, ADMIN.password);
  tokens.supervisor = (await app.user('supervisor')).token;
  tokens.mediator = (await app.user('mediator', 'pinghu')).token;
  tokens.informant = (await app.user('informant', 'pinghu')).token;
});
afterAll(async () => {
  await app?.close();
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Not a controller route: the OpenAPI UI, public by design. */
const INFRASTRUCTURE = /^GET \/docs/;

/** The routes Express really has, as "METHOD /path" with Nest's :params. */
function registeredRoutes(): string[] {
  const router = (app.api.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router;
  return router.stack
    // Controllers register one method per route; a layer for every method is a catch-all (404s).
    .filter((layer) => layer.route && Object.keys(layer.route.methods).length === 1)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== '_all')
        // Nest registers a path excluded from the global prefix both with and without a trailing slash.
        .map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/(.)\/$/, '$1')}`),
    )
    .filter((route, index, all) => !INFRASTRUCTURE.test(route) && all.indexOf(route) === index);
}

const ROLES: Role[] = ['admin', 'supervisor', 'mediator', 'informant'];

it('has a rule for every registered route, and every rule names a real route', () => {
  const routes = registeredRoutes();
  expect(routes.length).toBeGreaterThan(5);
  expect(routes.filter((r) => !(r in ROUTE_RULES))).toEqual([]);
  expect(Object.keys(ROUTE_RULES).filter((r) => !routes.includes(r))).toEqual([]);
});

describe.each(Object.entries(ROUTE_RULES))('%s', (route, rule) => {
  const [method, template] = route.split(' ');
  // Any id will do: access is decided before the record is looked up.
  const path = template.replace(/:[a-zA-Z]+/g, randomUUID());
  const send = (token?: string) => {
    const req = app.http()[method.toLowerCase() as 'get'](path);
    if (token) req.set(...bearer(token));
    return method === 'GET' ? req : req.send({});
  };

  it(rule === 'public' ? 'is open without a token' : 'answers 401 without a token', async () => {
    const res = await send();
    if (rule === 'public') {
      expect(res.status).not.toBe(401);
      // Below 500 like every answer; the health routes may honestly say 503 (not ready yet).
      if (template.startsWith('/health')) expect([200, 503]).toContain(res.status);
      else expect(res.status).toBeLessThan(500);
    }
    else {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  if (rule !== 'public') {
    it.each(ROLES)('as %s', async (role) => {
      const res = await send(tokens[role]);
      // Allowed: past the guard, and an answer the route meant to give (a 5xx is a failure too).
      if (rule.includes(role)) {
        expect([401, 403]).not.toContain(res.status);
        expect(res.status).toBeLessThan(500);
      } else {
        expect(res.status).toBe(403);
      }
    });
  }
});
