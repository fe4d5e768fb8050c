import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Issue 12 §2: login that cannot be raced or turned against users. The API trusts the loopback
 * proxy here (TRUST_PROXY), so each test speaks from addresses of its own with X-Forwarded-For.
 */
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startTestApp('login-security', { env: { TRUST_PROXY: 'loopback' } });
  admin = await app.login(ADMIN.username, ADMIN.password);
});
afterAll(async () => {
  await app?.close();
});

let addresses = 0;
/** A client address no other test uses (TEST-NET-3). */
const newAddress = () => `203.0.113.${++addresses}`;

async function newMediator(): Promise<{ id: string; username: string; password: string }> {
  const body = { username: `m${randomUUID().slice(0, 8)}`, password: `pw-${randomUUID()}`, role: 'mediator', subDistrict: 'pinghu' };
  const res = await app.http().post('/api/v1/users').set(...bearer(admin)).send(body).expect(201);
  return { id: res.body.id, username: body.username, password: body.password };
}

const login = (username: string, password: string, from: string) =>
  app.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });

describe('the failure count cannot be raced', () => {
  it('25 parallel logins (24 wrong, then the right one) get at most LOGIN_LOCK_AFTER_FAILURES password checks', async () => {
    const user = await newMediator();
    const from = newAddress();
    const wrong = Array.from({ length: 24 }, (_, i) => login(user.username, `wrong-password-${i}`, from).then((r) => r));
    const right = login(user.username, user.password, from).then((r) => r);
    const answers = await Promise.all([...wrong, right]);

    const statuses = answers.map((r) => r.status);
    const checked = statuses.filter((s) => s === 401 || s === 200).length;
    const refused = answers.filter((r) => r.status === 429);
    expect(statuses.every((s) => [200, 401, 429].includes(s))).toBe(true);
    // Counted before the check, judged by the count: never more checks than the limit allows.
    expect(checked).toBeLessThanOrEqual(app.config.LOGIN_LOCK_AFTER_FAILURES);
    expect(refused.length).toBeGreaterThanOrEqual(25 - app.config.LOGIN_LOCK_AFTER_FAILURES);
    for (const r of refused) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ status: 429, code: 'too_many_requests' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    // However the race went, the address is now locked out: the right password is refused too.
    if (answers[24].status !== 200) expect((await login(user.username, user.password, from)).status).toBe(429);
  });
});

describe('a lockout binds one address to one account, and an administrator can release it', () => {
  it('locks the guessing address out, not the owner elsewhere; tells the administrators; lets an administrator unlock', async () => {
    const user = await newMediator();
    const attacker = newAddress();
    const owner = newAddress();
    for (let i = 0; i < app.config.LOGIN_LOCK_AFTER_FAILURES; i++) {
      expect((await login(user.username, 'not-the-password', attacker)).status).toBe(401);
    }
    const locked = await login(user.username, user.password, attacker);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(app.config.LOGIN_LOCK_SECONDS - 120);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(app.config.LOGIN_LOCK_SECONDS);

    // The owner, from their own address, is not locked out by someone else's guesses.
    const ownerSession = await login(user.username, user.password, owner);
    expect(ownerSession.status).toBe(200);

    // Recorded once, with the address, for the owner and the administrators.
    const guard = await app.store.readStream(`login-guard-${user.id}`);
    expect(guard.map((e) => e.type)).toEqual(['LoginLockedOut']);
    expect(guard[0].data).toMatchObject({
      accountId: user.id,
      username: user.username,
      address: attacker,
      failures: app.config.LOGIN_LOCK_AFTER_FAILURES,
    });
    await app.settled();
    const notices = await app.http().get('/api/v1/notifications?kind=login_locked_out').set(...bearer(admin)).expect(200);
    const mine = notices.body.items.filter((n: { subject: { id: string } }) => n.subject.id === user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ audience: { role: 'admin' }, params: { username: user.username, address: attacker } });
    // The owner is told by name; other mediators of the sub-district are not.
    const toOwner = await app.http().get('/api/v1/notifications?kind=login_locked_out').set(...bearer(ownerSession.body.accessToken)).expect(200);
    expect(toOwner.body.items).toHaveLength(1);
    expect(toOwner.body.items[0]).toMatchObject({ audience: { accountId: user.id }, subject: { id: user.id }, params: { address: attacker } });
    const colleague = await app.user('mediator', 'pinghu');
    const toColleague = await app.http().get('/api/v1/notifications?kind=login_locked_out').set(...bearer(colleague.token)).expect(200);
    expect(toColleague.body.items).toHaveLength(0);

    // An administrator sees which address is locked, and for how long.
    const status = await app.http().get(`/api/v1/users/${user.id}/login-locks`).set(...bearer(admin)).expect(200);
    expect(status.body).toMatchObject({ id: user.id, username: user.username });
    expect(status.body.addresses).toEqual([
      { address: attacker, failures: app.config.LOGIN_LOCK_AFTER_FAILURES, locked: true, retryAfterSeconds: expect.any(Number) },
    ]);

    // A mediator may not release locks; an administrator may, and it is recorded with who did it.
    await app.http().delete(`/api/v1/users/${user.id}/login-locks`).set(...bearer(colleague.token)).expect(403);
    await app.http().delete(`/api/v1/users/${randomUUID()}/login-locks`).set(...bearer(admin)).expect(404);
    await app.http().delete(`/api/v1/users/${user.id}/login-locks`).set(...bearer(admin)).expect(204);
    expect((await app.http().get(`/api/v1/users/${user.id}/login-locks`).set(...bearer(admin)).expect(200)).body.addresses).toEqual([]);
    expect((await login(user.username, user.password, attacker)).status).toBe(200);
    const released = (await app.store.readStream(`login-guard-${user.id}`)).at(-1)!;
    expect(released.type).toBe('LoginLocksReleased');
    expect(released.metadata).toMatchObject({ actorRole: 'admin' });
  });

  it('one address trying many usernames is stopped after LOGIN_MAX_FAILURES_PER_IP failures, for every username', async () => {
    const user = await newMediator();
    const from = newAddress();
    for (let i = 0; i < app.config.LOGIN_MAX_FAILURES_PER_IP; i++) {
      expect((await login(`nobody-${i}-${randomUUID().slice(0, 6)}`, 'guess-guess-guess', from)).status).toBe(401);
    }
    const refused = await login(user.username, user.password, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Nobody else is affected.
    expect((await login(user.username, user.password, newAddress())).status).toBe(200);
  });

  it('guesses from many addresses slow down new addresses instead of blocking, and never the owner at an address they used', async () => {
    const user = await newMediator();
    const home = newAddress();
    expect((await login(user.username, user.password, home)).status).toBe(200);

    // Enough failures, one per address, to pass LOGIN_SLOWDOWN_AFTER_FAILURES; then a burst from new addresses.
    for (let i = 0; i < app.config.LOGIN_SLOWDOWN_AFTER_FAILURES; i++) {
      expect((await login(user.username, 'wrong-wrong-wrong', newAddress())).status).toBe(401);
    }
    const burst = await Promise.all(Array.from({ length: 8 }, () => login(user.username, 'wrong-wrong-wrong', newAddress())));
    const slowed = burst.filter((r) => r.status === 429);
    // Each admitted attempt past the threshold doubles the wait (1 s, 2 s, 4 s, ...): 8 at once cannot all pass.
    expect(slowed.length).toBeGreaterThan(0);
    for (const r of slowed) {
      expect(r.body.code).toBe('too_many_requests');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(app.config.LOGIN_SLOWDOWN_MAX_SECONDS);
    }
    // The owner, from the address they logged in from before, is not slowed down.
    expect((await login(user.username, user.password, home)).status).toBe(200);

    const guard = await app.store.readStream(`login-guard-${user.id}`);
    expect(guard.map((e) => e.type)).toContain('LoginSlowedDown');
    await app.settled();
    const notices = await app.http().get('/api/v1/notifications?kind=login_slowed_down').set(...bearer(admin)).expect(200);
    expect(notices.body.items.filter((n: { subject: { id: string } }) => n.subject.id === user.id)).toHaveLength(1);
  });
});

describe('sessions end at once', () => {
  it('logout ends the access token of that session on its next request, not in 15 minutes', async () => {
    const user = await newMediator();
    const session = (await login(user.username, user.password, newAddress()).expect(200)).body;
    const other = (await login(user.username, user.password, newAddress()).expect(200)).body;
    await app.http().get('/api/v1/auth/me').set(...bearer(session.accessToken)).expect(200);
    await app.http().post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    const after = await app.http().get('/api/v1/auth/me').set(...bearer(session.accessToken));
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
    // Another session of the same account goes on.
    await app.http().get('/api/v1/auth/me').set(...bearer(other.accessToken)).expect(200);
  });

  it('a logout is seen by every request sent after it returned, while other requests\' session checks are in flight', async () => {
    // The guard asks for sessions together (KeyedReads): a check asked after the logout must never
    // be answered by a query sent before it.
    const [leaving, staying] = [await newMediator(), await newMediator()];
    const session = (await login(leaving.username, leaving.password, newAddress()).expect(200)).body;
    const other = (await login(staying.username, staying.password, newAddress()).expect(200)).body;
    const me = (token: string) => app.http().get('/api/v1/auth/me').set(...bearer(token)).then((r) => r.status);
    const both = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => me(i % 2 ? session.accessToken : other.accessToken)));
    expect(new Set(await both(10))).toEqual(new Set([200]));
    const during = both(40);
    await app.http().post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    expect(await both(20)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 401 : 200)));
    // Those sent while the logout ran may go either way, but never fail otherwise.
    expect((await during).every((status) => status === 200 || status === 401)).toBe(true);
  });

  it('a reused refresh token ends the access tokens of the account\'s sessions at once', async () => {
    const user = await newMediator();
    const first = (await login(user.username, user.password, newAddress()).expect(200)).body;
    const second = (await app.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    await app.http().get('/api/v1/auth/me').set(...bearer(second.accessToken)).expect(200);
    // The rotated token again: it was copied.
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await app.http().get('/api/v1/auth/me').set(...bearer(second.accessToken)).expect(401);
    await app.http().get('/api/v1/auth/me').set(...bearer(first.accessToken)).expect(401);
  });

  it('refuses a token without exp, one without a session, and one signed with another secret', async () => {
    const user = await newMediator();
    const session = (await login(user.username, user.password, newAddress()).expect(200)).body;
    const jwt = app.api.get(JwtService, { strict: false });
    const claims = jwt.decode(session.accessToken) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: user.id, sid: expect.any(String), exp: expect.any(Number) });
    const { exp: _exp, iat: _iat, ...rest } = claims;

    const forever = await jwt.signAsync(rest);
    await app.http().get('/api/v1/auth/me').set(...bearer(forever)).expect(401);
    const { sid: _sid, ...sessionless } = rest;
    const noSession = await jwt.signAsync(sessionless, { expiresIn: 60 });
    await app.http().get('/api/v1/auth/me').set(...bearer(noSession)).expect(401);
    const foreign = await jwt.signAsync(rest, { expiresIn: 60, secret: 'development-only-jwt-secret-do-not-use' });
    await app.http().get('/api/v1/auth/me').set(...bearer(foreign)).expect(401);
    // Another account's live session, and a session id that is no id, each beside good requests asked at once.
    const other = await newMediator();
    const theirs = jwt.decode((await login(other.username, other.password, newAddress()).expect(200)).body.accessToken) as { sid: string };
    const borrowed = await jwt.signAsync({ ...rest, sid: theirs.sid }, { expiresIn: 60 });
    const garbled = await jwt.signAsync({ ...rest, sid: 'not-a-session' }, { expiresIn: 60 });
    const answers = await Promise.all(
      [borrowed, session.accessToken, garbled, session.accessToken].map((token) => app.http().get('/api/v1/auth/me').set(...bearer(token))),
    );
    expect(answers.map((a) => a.status)).toEqual([401, 200, 401, 200]);
    // The same claims, properly signed with an expiry: accepted (so the refusals above were for those reasons).
    const proper = await jwt.signAsync(rest, { expiresIn: 60 });
    await app.http().get('/api/v1/auth/me').set(...bearer(proper)).expect(200);
  });
});

describe('requests without a token', () => {
  it('carry small bodies only, and not deeply nested ones', async () => {
    const big = await app.http().post('/api/v1/auth/login').set('X-Forwarded-For', newAddress()).send({ username: 'x', password: 'p'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);

    let nested: unknown = { username: 'x' };
    for (let i = 0; i < 10; i++) nested = { nested };
    const deep = await app.http().post('/api/v1/auth/login').set('X-Forwarded-For', newAddress()).send(nested as object);
    expect(deep.status).toBe(400);
    expect(deep.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body' }] });

    // With a valid token the general limit applies: the same size reaches validation (400 naming the field), not 413.
    const tooLongName = await app.http()
      .post('/api/v1/users')
      .set(...bearer(admin))
      .send({ username: `u${randomUUID().slice(0, 8)}`, password: 'a-Long-enough-pass', role: 'supervisor', displayName: '名'.repeat(3000) });
    expect(tooLongName.status).toBe(400);
    expect(tooLongName.body.errors.map((e: { field: string }) => e.field)).toContain('displayName');
  });
});

describe('caching', () => {
  it('API answers are never stored by caches; the health probe may be', async () => {
    const me = await app.http().get('/api/v1/auth/me').set(...bearer(admin)).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const refused = await app.http().get('/api/v1/users');
    expect(refused.headers['cache-control']).toBe('no-store');
    const health = await app.http().get('/health');
    expect(health.headers['cache-control']).not.toBe('no-store');
  });
});
