import { randomUUID } from 'node:crypto';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** GET /api/v1/informants/me: the informant's own enterprises, for the phone page's picker. */
describe('an informant reads their own registry entry', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp('informant_profile');
    admin = await app.login('admin', 'Test-Secret-Passw0rd');
  });
  afterAll(() => app?.close());

  it('lists their enterprises, named as they were last reported in the sub-district', async () => {
    const registered = await app
      .http()
      .post('/api/v1/informants')
      .set(...bearer(admin))
      .send({ username: 'xinxiyuan', password: 'pw-informant-1', name: '王芳', phone: '13800138000', subDistrict: 'pinghu', enterprises: ['91440300708461136T', '91350200776049653A'] });
    expect(registered.status).toBe(201);
    const token = await app.login('xinxiyuan', 'pw-informant-1');

    const before = await app.http().get('/api/v1/informants/me').set(...bearer(token));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      id: registered.body.id,
      name: '王芳',
      subDistrict: 'pinghu',
      status: 'active',
      enterprises: [
        { creditCode: '91440300708461136T', name: null },
        { creditCode: '91350200776049653A', name: null },
      ],
    });

    const submitted = await app
      .http()
      .post('/api/v1/alerts')
      .set(...bearer(token))
      .set('Idempotency-Key', randomUUID())
      .send({
        enterprise: { name: '深圳市平湖电子制品有限公司', creditCode: '91440300708461136T' },
        subDistrict: 'pinghu',
        signals: ['wage_delay'],
        workersAffected: 40,
        description: '工资延发',
        observedAt: new Date().toISOString(),
      });
    expect(submitted.status).toBe(201);
    await app.settled();

    const after = await app.http().get('/api/v1/informants/me').set(...bearer(token));
    expect(after.body.enterprises).toEqual([
      { creditCode: '91440300708461136T', name: '深圳市平湖电子制品有限公司' },
      { creditCode: '91350200776049653A', name: null },
    ]);
  });

  it('answers 404 to an informant account outside the registry, and 403 to other roles', async () => {
    const loose = await app.user('informant', 'pinghu');
    expect((await app.http().get('/api/v1/informants/me').set(...bearer(loose.token))).status).toBe(404);
    const mediator = await app.user('mediator', 'pinghu');
    expect((await app.http().get('/api/v1/informants/me').set(...bearer(mediator.token))).status).toBe(403);
  });
});
