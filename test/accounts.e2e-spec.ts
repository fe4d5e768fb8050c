import { randomUUID } from 'node:crypto';
import { ADMIN, bearer, startApiReplica, startTestApp, TestApp } from './support/test-app';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startTestApp('accounts');
  admin = await app.login(ADMIN.username, ADMIN.password);
});
afterAll(async () => {
  await app?.close();
});

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: `u${randomUUID().slice(0, 8)}`,
  password: 'a-Long-enough-pass',
  role: 'mediator',
  subDistrict: 'pinghu',
  ...overrides,
});

const credentialsOf = (body: { username: string; password: string }) => ({ username: body.username, password: body.password });

describe('authentication', () => {
  it('answers 401 problem+json without a token, and with a bad one', async () => {
    for (const path of ['/api/v1/users', '/api/v1/auth/me']) {
      const res = await app.http().get(path);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
    expect((await app.http().get('/api/v1/users').set(...bearer('not-a-jwt'))).status).toBe(401);
  });

  it('does not tell a wrong username from a wrong password', async () => {
    const wrongPassword = await app.http().post('/api/v1/auth/login').send({ username: ADMIN.username, password: 'nope-nope-nope' });
    const wrongUser = await app.http().post('/api/v1/auth/login').send({ username: 'nobody-here', password: 'nope-nope-nope' });
    expect(wrongPassword.status).toBe(401);
    expect(wrongUser.status).toBe(401);
    expect(wrongPassword.body.detail).toBe(wrongUser.body.detail);
  });

  it('locks an address out of a username after repeated failures, even for the right password', async () => {
    const body = newUser();
    expect((await app.http().post('/api/v1/users').set(...bearer(admin)).send(body)).status).toBe(201);
    for (let i = 0; i < app.config.LOGIN_LOCK_AFTER_FAILURES; i++) {
      expect((await app.http().post('/api/v1/auth/login').send({ username: body.username, password: 'wrong-password' })).status).toBe(401);
    }
    const locked = await app.http().post('/api/v1/auth/login').send({ username: body.username, password: body.password });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_requests');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rotates refresh tokens, and a reused one ends every session of the account', async () => {
    const body = newUser();
    await app.http().post('/api/v1/users').set(...bearer(admin)).send(body).expect(201);
    const first = (await app.http().post('/api/v1/auth/login').send(credentialsOf(body)).expect(200)).body;
    expect(first).toMatchObject({ tokenType: 'Bearer', expiresIn: app.config.ACCESS_TOKEN_TTL_SECONDS });

    const second = (await app.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // The old token again: taken as stolen, so the new one dies too.
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('logout revokes the refresh token', async () => {
    const body = newUser();
    await app.http().post('/api/v1/users').set(...bearer(admin)).send(body).expect(201);
    const session = (await app.http().post('/api/v1/auth/login').send(credentialsOf(body)).expect(200)).body;
    await app.http().post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });
});

describe('user administration', () => {
  it('creates users of every role but informants, recording the acting admin in the events', async () => {
    const res = await app.http().post('/api/v1/users').set(...bearer(admin)).send(newUser({ role: 'mediator', subDistrict: 'buji' }));
    expect(res.status).toBe(201);
    const [created] = await app.store.readStream(`account-${res.body.id}`);
    expect(created.type).toBe('AccountCreated');
    expect(created.metadata).toMatchObject({ actorRole: 'admin' });
    expect(created.metadata.actorId).toEqual(expect.any(String));
    expect(JSON.stringify(created)).not.toContain('a-Long-enough-pass');
  });

  it('refuses bad input naming the field, and appends nothing', async () => {
    const before = await app.requestEventCount();
    const cases: [Record<string, unknown>, number, string][] = [
      [newUser({ subDistrict: 'atlantis' }), 400, 'subDistrict'],
      [newUser({ subDistrict: undefined }), 400, 'subDistrict'],
      [newUser({ role: 'admin' }), 400, 'subDistrict'],
      [newUser({ password: 'short' }), 400, 'password'],
      [newUser({ role: 'boss' }), 400, 'role'],
      [{ ...newUser(), extra: 1 }, 400, ''],
    ];
    for (const [body, status, field] of cases) {
      const res = await app.http().post('/api/v1/users').set(...bearer(admin)).send(body);
      expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/problem\+json/) });
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await app.requestEventCount()).toBe(before);
  });

  it('refuses a taken username with 409', async () => {
    const body = newUser();
    await app.http().post('/api/v1/users').set(...bearer(admin)).send(body).expect(201);
    const again = await app.http().post('/api/v1/users').set(...bearer(admin)).send({ ...body, username: body.username.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'username', message: 'is taken' }]);
  });

  it('honours Idempotency-Key: one account for a repeated request, 422 for a different body', async () => {
    const key = randomUUID();
    const body = newUser();
    const first = await app.http().post('/api/v1/users').set(...bearer(admin)).set('Idempotency-Key', key).send(body);
    const second = await app.http().post('/api/v1/users').set(...bearer(admin)).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await app.store.readStream(`account-${first.body.id}`)).toHaveLength(1);
    const other = await app.http().post('/api/v1/users').set(...bearer(admin)).set('Idempotency-Key', key).send(newUser());
    expect(other.status).toBe(422);
  });

  it('a role change applies on the next request, and a deactivated user is shut out at once', async () => {
    const mediator = await app.user('mediator', 'pinghu');
    await app.http().get('/api/v1/auth/me').set(...bearer(mediator.token)).expect(200);
    await app.http().get('/api/v1/users').set(...bearer(mediator.token)).expect(403);

    await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).send({ role: 'admin' }).expect(200);
    await app.http().get('/api/v1/users').set(...bearer(mediator.token)).expect(200);

    await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).send({ active: false }).expect(200);
    const res = await app.http().get('/api/v1/auth/me').set(...bearer(mediator.token));
    expect(res.status).toBe(401);
  });

  it('with two API replicas, a deactivation through one shuts the user out of the other on the very next request', async () => {
    // Each replica keeps accounts' folded state between requests (ADR 0015): the other one's must
    // not let the account act once the deactivation is committed, nor keep an old role or password.
    const replica = await startApiReplica(app);
    try {
      const mediator = await app.user('mediator', 'pinghu');
      await replica.http().get('/api/v1/auth/me').set(...bearer(mediator.token)).expect(200);
      await replica.http().get('/api/v1/users').set(...bearer(mediator.token)).expect(403);

      await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).send({ role: 'admin' }).expect(200);
      await replica.http().get('/api/v1/users').set(...bearer(mediator.token)).expect(200);

      await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).send({ active: false }).expect(200);
      const refused = await replica.http().get('/api/v1/auth/me').set(...bearer(mediator.token));
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('unauthenticated');

      const other = await app.user('mediator', 'pinghu');
      await replica.http().get('/api/v1/auth/me').set(...bearer(other.token)).expect(200);
      await app.http().patch(`/api/v1/users/${other.id}`).set(...bearer(admin)).send({ password: 'a-brand-new-Passw0rd' }).expect(200);
      await replica.http().get('/api/v1/auth/me').set(...bearer(other.token)).expect(401);
    } finally {
      await replica.close();
    }
  });

  it('a password reset ends the sessions issued before it', async () => {
    const mediator = await app.user('mediator', 'bantian');
    await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).send({ password: 'a-brand-new-Passw0rd' }).expect(200);
    await app.http().get('/api/v1/auth/me').set(...bearer(mediator.token)).expect(401);
    await app.login(mediator.username, 'a-brand-new-Passw0rd');
  });

  it('answers a stale If-Match with 412 and appends nothing', async () => {
    const mediator = await app.user('mediator', 'buji');
    const current = await app.http().get(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).expect(200);
    expect(current.headers.etag).toBe('"1"');
    await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).set('If-Match', '"1"').send({ displayName: '王芳' }).expect(200);
    const stale = await app.http().patch(`/api/v1/users/${mediator.id}`).set(...bearer(admin)).set('If-Match', '"1"').send({ displayName: '李娜' });
    expect(stale.status).toBe(412);
    expect(await app.store.readStream(`account-${mediator.id}`)).toHaveLength(2);
  });

  it('lists users from the accounts projection, filtered', async () => {
    await app.user('supervisor');
    await app.settled();
    const all = await app.http().get('/api/v1/users').set(...bearer(admin)).expect(200);
    expect(all.body.total).toBeGreaterThan(3);
    const supervisors = await app.http().get('/api/v1/users?role=supervisor').set(...bearer(admin)).expect(200);
    expect(supervisors.body.items.length).toBeGreaterThan(0);
    expect(supervisors.body.items.every((u: { role: string }) => u.role === 'supervisor')).toBe(true);
    expect(supervisors.body.items.length).toBeGreaterThan(0);
    await app.http().get('/api/v1/users?role=king').set(...bearer(admin)).expect(400);
  });
});
