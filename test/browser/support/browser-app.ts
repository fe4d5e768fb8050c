import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request, type Response } from 'playwright-core';
import { Client } from 'pg';
import { createTestDatabase, removeRedisKeys, TestDatabase } from '@lc/testing';
import { freePort, runBuiltApp, RunningApp, waitForHttp } from '../../support/built-app';

export const ADMIN = { username: 'admin', password: 'Browser-Test-Passw0rd' };
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the tests write each home page's screenshots (docs/web.md shows them). */
export const SCREENSHOTS = join(__dirname, '../../../docs/web/screenshots');
/**
 * How long a suite may take to start the built service and Chromium: a few seconds on a quiet
 * machine, minutes on a busy one (seen here: over two minutes with the machine loaded 15-fold).
 */
export const START_TIMEOUT_MS = 600_000;

/** As the issue asks: no GPU, no Google services, nothing but the page under test on the network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface BrowserApp {
  base: string;
  db: TestDatabase;
  env: Record<string, string>;
  /** Calls the API as the admin (or with the token given). */
  call(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** A new account; informants go through the registry, with their enterprises. subDistrict null: the whole district. */
  user(role: 'admin' | 'supervisor' | 'mediator' | 'informant', options?: { subDistrict?: string | null; enterprises?: string[] }): Promise<{ id: string; username: string; password: string }>;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function stop(app: RunningApp | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
  await app.exited;
  clearTimeout(timer);
}

/**
 * The real service as `npm start` runs it: the built API (serving the built web application at /)
 * and the built worker, on a database of their own (migrated) and the shared Redis.
 */
export async function startBrowserApp(label: string, options: { beforeStart?: (env: Record<string, string>) => Promise<void> } = {}): Promise<BrowserApp> {
  const db = await createTestDatabase(label);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `test-${label}-${randomUUID().slice(0, 8)}`,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    MIGRATIONS_RUN: 'false',
    LOG_LEVEL: 'error',
    DATABASE_POOL_SIZE: '4',
  };
  let api: RunningApp | undefined;
  let worker: RunningApp | undefined;
  try {
    await options.beforeStart?.(env);
    worker = runBuiltApp('worker', env);
    api = runBuiltApp('api', env);
    await waitForHttp(`${base}/health`, api, START_TIMEOUT_MS - 60_000);
  } catch (error) {
    await Promise.all([stop(api), stop(worker)]);
    await db.drop().catch(() => undefined);
    throw error;
  }

  let adminToken: string | undefined;
  let users = 0;
  const call: BrowserApp['call'] = async (method, path, body, token, headers = {}) => {
    if (!token) {
      if (!adminToken) {
        const login = await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ADMIN),
        });
        if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
        adminToken = ((await login.json()) as { accessToken: string }).accessToken;
      }
      token = adminToken;
    }
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    base,
    db,
    env,
    call,
    async user(role, { subDistrict = 'pinghu', enterprises } = {}) {
      const username = `${role}${++users}`;
      const password = `pw-${randomUUID()}`;
      const res =
        role === 'informant'
          ? await call('POST', '/api/v1/informants', { username, password, name: `信息员${users}`, phone: '13800138000', subDistrict, enterprises: enterprises ?? ['91440300708461136T'] }, undefined, { 'idempotency-key': randomUUID() })
          : await call('POST', '/api/v1/users', { username, password, role, ...(role === 'admin' || subDistrict === null ? {} : { subDistrict }) });
      if (res.status !== 201) throw new Error(`create ${role}: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, username, password };
    },
    async query(sql, params = []) {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async close() {
      await Promise.all([stop(api), stop(worker)]);
      await db.drop();
      // Its queues, jobs and rate limits: the shared Redis would keep them for as long as it runs.
      await removeRedisKeys(`${env.QUEUE_PREFIX}:*`, env.REDIS_URL).catch(() => undefined);
    },
  };
}

export interface TestBrowser {
  browser: Browser;
  /** A context (a fresh profile: storage, service workers) at this width. */
  context(width: number, height?: number): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  // Playwright gives each launch a new, empty user-data directory of its own; TMPDIR keeps it ours.
  const tmp = mkdtempSync(join(tmpdir(), 'lc-chromium-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, TMPDIR: tmp } });
  return {
    browser,
    context: (width, height = width <= 480 ? 780 : 900) =>
      browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' }),
    async close() {
      await browser.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login page and waits for the role's home page. */
export async function logIn(page: Page, base: string, username: string, password: string, home: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Log in/ }).click();
  await page.waitForURL(`${base}${home}`);
}

/** axe-core's WCAG 2 A/AA rules on the page as it is; returns the violations (none expected). */
export async function accessibilityViolations(page: Page): Promise<Array<{ id: string; impact: string | null; help: string; nodes: string[] }>> {
  // Colours as they settle, not halfway through a transition: Ant Design animates buttons'
  // backgrounds, and axe caught a primary button mid-fade once (a contrast failure of a colour
  // the page never rests on).
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  // Through the DevTools protocol, not a <script> tag: the page's CSP rightly forbids inline scripts.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The open dialog, once it has finished zooming in. Playwright clicks where it measured the
 * button; a dialog still opening moves its buttons between that measure and the click, and on a
 * starved machine the click on 提交 landed beside it: the dialog stayed open and the page sent
 * nothing (reproduced with two CPU hogs beside the browser tests, 1 run in 6).
 */
export async function openedDialog(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // Its animations that end (not a spinner's), ended; none where a test switched animations off.
  // An opening that has not started its animation yet (Ant Design's motion sets its classes a
  // frame or two after the dialog is in the page) has none to wait for: so, in a loop, until the
  // dialog stands where it will stay, the same box for three frames running with no animation.
  await dialog.evaluate(async (element) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const wrap = element.closest('.ant-modal-wrap') ?? element;
    const box = () => JSON.stringify(element.getBoundingClientRect());
    const deadline = performance.now() + 5_000;
    let last = '';
    let still = 0;
    while (still < 3 && performance.now() < deadline) {
      await Promise.all(
        wrap
          .getAnimations({ subtree: true })
          .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
          .map((animation) => animation.finished.catch(() => undefined)),
      );
      await frame();
      const now = box();
      still = now === last ? still + 1 : 0;
      last = now;
    }
  });
  return dialog;
}

/**
 * Fills and submits the open dialog. Unless the command is expected to be refused (`stays`), waits
 * for the dialog to close, which it does once the service has answered: a test that fails here
 * shows what the dialog said instead of timing out later on the page behind it.
 */
export async function submitDialog(page: Page, fields: Record<string, string> = {}, { button = /^提\s?交$/, stays = false }: { button?: string | RegExp; stays?: boolean } = {}) {
  const dialog = await openedDialog(page);
  for (const [labelText, value] of Object.entries(fields)) await dialog.getByLabel(labelText).fill(value);
  const sent = watchCommands(page);
  await dialog.getByRole('button', { name: button }).click();
  if (stays) return sent.stop();
  try {
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
  } catch {
    const text = await dialog.innerText({ timeout: 1000 }).catch(() => '(gone)');
    throw new Error(`the dialog stayed open after submitting; it shows: ${text.replace(/\s+/g, ' ')}\n${sent.describe()}`);
  } finally {
    sent.stop();
  }
}

/**
 * The commands (every request but GET) the page sends from now on, and what became of each: for
 * a failure's message, so that "the dialog stayed open" says whether the click sent anything and
 * whether the service answered (how a click beside a dialog still opening was found: see openedDialog).
 */
function watchCommands(page: Page): { describe(): string; stop(): void } {
  const seen = new Map<Request, string>();
  const named = (request: Request) => `${request.method()} ${new URL(request.url()).pathname}`;
  const sent = (request: Request) => {
    if (request.method() !== 'GET') seen.set(request, `${named(request)}: no answer yet (sent ${new Date().toISOString()})`);
  };
  const answered = (response: Response) => {
    const request = response.request();
    if (seen.has(request)) seen.set(request, `${named(request)}: ${response.status()} at ${new Date().toISOString()}`);
  };
  const failed = (request: Request) => {
    if (seen.has(request)) seen.set(request, `${named(request)}: failed (${request.failure()?.errorText ?? '?'})`);
  };
  page.on('request', sent);
  page.on('response', answered);
  page.on('requestfailed', failed);
  return {
    describe: () => `commands the page sent: ${seen.size ? [...seen.values()].join('; ') : 'none'} (now ${new Date().toISOString()})`,
    stop: () => {
      page.off('request', sent);
      page.off('response', answered);
      page.off('requestfailed', failed);
    },
  };
}
