import { randomBytes } from 'node:crypto';
import { get, IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Client } from 'pg';
import { withDefaultUser } from '@lc/database';
import { removeRedisKeys } from '@lc/testing';
import { freePort, runBuiltApp, RunningApp, waitForHttp } from './support/built-app';

const server = process.env.TEST_DATABASE_SERVER ?? 'postgres://localhost:5432';

async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: withDefaultUser(`${server}/postgres`) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A GET whose body comes as sent (fetch would decompress it), with its status and headers. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('the built API', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `lc_test_health_${suffix}`;
  let api: RunningApp;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = runBuiltApp('api', {
      PORT: String(port),
      // A database that does not exist yet: the API must create and migrate it.
      DATABASE_URL: `${server}/${database}`,
      QUEUE_PREFIX: `lc_test_${suffix}`,
      EVENT_STORE: 'postgres',
    });
    await waitForHttp(`${base}/health`, api);
  });

  afterAll(async () => {
    if (api && api.child.exitCode === null && api.child.signalCode === null) {
      api.child.kill('SIGKILL');
      await api.exited;
    }
    await dropDatabase(database);
    // The queues' keys the API made under its prefix (the imports queue's meta, at least).
    await removeRedisKeys(`lc_test_${suffix}:*`).catch(() => undefined);
  });

  it('reports PostgreSQL, Redis and the event store up on /health', async () => {
    const response = await fetch(`${base}/health`);
    const body = await response.json();
    expect({ status: response.status, body }).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        info: { postgres: { status: 'up' }, redis: { status: 'up' }, eventStore: { status: 'up' } },
      },
    });
  });

  it('answers an unknown business route with problem details', async () => {
    const response = await fetch(`${base}/api/v1/no-such-thing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/api/v1/no-such-thing',
    });
  });

  it('echoes the caller’s X-Request-Id, or makes one up', async () => {
    const given = await fetch(`${base}/api/v1/no-such-thing`, { headers: { 'X-Request-Id': `e2e-${suffix}` } });
    expect(given.headers.get('x-request-id')).toBe(`e2e-${suffix}`);
    expect(await given.json()).toMatchObject({ requestId: `e2e-${suffix}` });

    const made = await fetch(`${base}/health`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses malformed JSON with a 400 problem', async () => {
    const response = await fetch(`${base}/api/v1/no-such-thing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"employer":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('serves the OpenAPI description outside the version prefix', async () => {
    const response = await fetch(`${base}/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { components: { securitySchemes: object } };
    expect(document.components.securitySchemes).toHaveProperty('bearer');
  });

  it('serves the built web application at / and its files, and keeps /api to itself', async () => {
    const page = await fetch(`${base}/mediator`, { headers: { accept: 'text/html' } });
    expect({ status: page.status, type: page.headers.get('content-type'), cache: page.headers.get('cache-control') }).toMatchObject({
      status: 200,
      type: expect.stringMatching(/^text\/html/),
      cache: 'no-cache',
    });
    const html = await page.text();
    const asset = /\/assets\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const file = await fetch(`${base}${asset}`);
    expect({ status: file.status, cache: file.headers.get('cache-control') }).toEqual({ status: 200, cache: 'public, max-age=31536000, immutable' });
    await file.arrayBuffer();

    const worker = await fetch(`${base}/sw.js`);
    expect({ status: worker.status, allowed: worker.headers.get('service-worker-allowed') }).toEqual({ status: 200, allowed: '/' });
    await worker.arrayBuffer();

    // Under /api nothing is a file or a page: the same name answers 404 problem+json there.
    for (const path of ['/api/v1/sw.js', '/api/v1/mediator']) {
      const response = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 404,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      await response.arrayBuffer();
    }
  });

  it("sends the web application's files compressed to browsers that accept it, as built to those that do not", async () => {
    const html = await (await fetch(`${base}/informant`, { headers: { accept: 'text/html' } })).text();
    const script = /\/assets\/index-[^"']+\.js/.exec(html)?.[0];
    expect(script).toBeDefined();

    const plain = await rawGet(`${base}${script}`, { 'accept-encoding': 'identity' });
    expect({ status: plain.status, encoding: plain.headers['content-encoding'], vary: plain.headers.vary }).toEqual({
      status: 200,
      encoding: undefined,
      vary: 'Accept-Encoding',
    });
    const type = plain.headers['content-type'];
    expect(type).toMatch(/javascript/);
    expect(plain.body.length).toBeGreaterThan(100_000);

    const br = await rawGet(`${base}${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect({
      status: br.status,
      encoding: br.headers['content-encoding'],
      type: br.headers['content-type'],
      vary: br.headers.vary,
      cache: br.headers['cache-control'],
    }).toEqual({ status: 200, encoding: 'br', type, vary: 'Accept-Encoding', cache: 'public, max-age=31536000, immutable' });
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    // A third of the bytes or less: what an informant's phone downloads on its first visit.
    expect(br.body.length).toBeLessThan(plain.body.length / 3);

    // Brotli refused (q=0): gzip, the next best.
    const gzip = await rawGet(`${base}${script}`, { 'accept-encoding': 'br;q=0, gzip' });
    expect({ status: gzip.status, encoding: gzip.headers['content-encoding'] }).toEqual({ status: 200, encoding: 'gzip' });
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    // A revalidation of the compressed copy (by its date: Express makes no ETags here): 304, nothing sent again.
    const again = await rawGet(`${base}${script}`, { 'accept-encoding': 'br', 'if-modified-since': String(br.headers['last-modified']) });
    expect({ status: again.status, length: again.body.length }).toEqual({ status: 304, length: 0 });

    // The service worker, compressed too, keeps its headers.
    const worker = await rawGet(`${base}/sw.js`, { 'accept-encoding': 'br' });
    expect({
      status: worker.status,
      encoding: worker.headers['content-encoding'],
      allowed: worker.headers['service-worker-allowed'],
      cache: worker.headers['cache-control'],
    }).toEqual({ status: 200, encoding: 'br', allowed: '/', cache: 'no-cache' });
  });

  it('stops cleanly on SIGTERM', async () => {
    api.child.kill('SIGTERM');
    const { code, signal } = await api.exited;
    expect({ code, signal, output: code === 0 ? '' : api.output() }).toEqual({ code: 0, signal: null, output: '' });
  });
});

describe('the built API with a bad setting', () => {
  it('exits 1 naming the variable, before starting anything', async () => {
    const api = runBuiltApp('api', { PORT: 'abc' });
    const { code } = await api.exited;
    expect(code).toBe(1);
    expect(api.output()).toMatch(/^\s*- PORT: /m);
  });
});
