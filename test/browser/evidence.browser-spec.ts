import { randomBytes, randomUUID } from 'node:crypto';
import { accessibilityViolations, BrowserApp, launchBrowser, logIn, START_TIMEOUT_MS, startBrowserApp, TestBrowser } from './support/browser-app';

const ENTERPRISE = { creditCode: '91440300708461136T', name: '深圳市平湖电子制品有限公司' };

/** A small JPEG as far as the server's content check goes (its magic bytes), different each time. */
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000), Buffer.from([0xff, 0xd9])]);

/**
 * Evidence in the pages where the users work (issue 15): on a case in the mediator's workspace a
 * file chosen in the browser is uploaded with its description, listed, downloaded byte for byte,
 * and removed, the timeline naming who did each; an informant attaches photos to an alert from
 * the phone page (online; offline the page says attaching needs the network), and the mediator
 * finds them on the triage desk under the alert, downloads one and adds a file of their own.
 */
describe('evidence in the browser', () => {
  let app: BrowserApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp('browser_evidence'), launchBrowser()]);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('uploads, lists, downloads and removes a file on a case', async () => {
    const username = `med${randomUUID().slice(0, 8)}`;
    const password = `pw-${randomUUID()}`;
    const created = await app.call('POST', '/api/v1/users', { username, password, role: 'mediator', subDistrict: 'pinghu', displayName: '赵调解' });
    expect(created.status).toBe(201);
    const login = await app.call('POST', '/api/v1/auth/login', { username, password });
    const opened = await app.call(
      'POST',
      '/api/v1/disputes',
      {
        channel: 'walk_in',
        subDistrict: 'pinghu',
        employer: { name: '平湖五金塑胶厂', creditCode: '91350200776049653A' },
        category: 'wage_arrears',
        workersInvolved: 3,
        amountClaimedFen: 900_000,
        summary: '三名职工工资拖欠',
        claimants: [{ name: '陈工' }],
      },
      login.body.accessToken,
      { 'idempotency-key': randomUUID() },
    );
    expect(opened.status).toBe(201);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);

    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, username, password, '/workspace');
      await page.goto(`${app.base}/workspace/cases/${opened.body.id}`);
      const panel = page.getByTestId('evidence');
      await panel.getByText('还没有证据材料。').waitFor();

      await panel.getByLabel('说明').fill('三月工资单');
      await panel.getByLabel('选择文件').setInputFiles({ name: '工资单.pdf', mimeType: 'application/pdf', buffer: pdf });
      await panel.getByRole('button', { name: /上\s?传/ }).click();
      const item = panel.getByTestId('evidence-item').filter({ hasText: '工资单.pdf' });
      await item.filter({ hasText: '三月工资单' }).filter({ hasText: '赵调解' }).waitFor();
      await page.getByTestId('timeline-item').filter({ hasText: '上传证据材料' }).filter({ hasText: '赵调解' }).waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: /下载/ }).click()]);
      expect(download.suggestedFilename()).toBe('工资单.pdf');
      const chunks: Buffer[] = [];
      for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
      expect(Buffer.compare(Buffer.concat(chunks), pdf)).toBe(0);

      await item.getByRole('button', { name: /删除/ }).click();
      await page.getByRole('tooltip').getByRole('button', { name: /确\s?定|OK/ }).click();
      await panel.getByText('还没有证据材料。').waitFor();
      await page.getByTestId('timeline-item').filter({ hasText: '删除证据材料' }).waitFor();
    } finally {
      await context.close();
    }
  }, 300_000);

  it('an informant attaches photos to a delivered alert from the phone; the triage desk shows them', async () => {
    const informant = await app.user('informant', { subDistrict: 'pinghu', enterprises: [ENTERPRISE.creditCode] });
    const informantLogin = await app.call('POST', '/api/v1/auth/login', { username: informant.username, password: informant.password });
    const submitted = await app.call(
      'POST',
      '/api/v1/alerts',
      { enterprise: ENTERPRISE, subDistrict: 'pinghu', signals: ['wage_delay'], workersAffected: 12, description: '厂门口贴出停工通知', observedAt: new Date().toISOString() },
      informantLogin.body.accessToken,
      { 'idempotency-key': randomUUID() },
    );
    expect(submitted.status).toBe(201);
    const alertId: string = submitted.body.id;
    const [first, second] = [jpeg(), jpeg()];

    const phone = await browser.context(360);
    try {
      const page = await phone.newPage();
      await logIn(page, app.base, informant.username, informant.password, '/informant');
      const item = page.getByTestId('my-alert').filter({ hasText: ENTERPRISE.name });
      // My alerts is a read model, a moment behind: open the page again until the alert is in it.
      while (!(await item.waitFor({ timeout: 5_000 }).then(() => true, () => false))) await page.reload();
      await item.getByRole('button', { name: /添加照片/ }).click();
      const photos = page.getByTestId('alert-photos');
      await photos.getByText('还没有附照片。').waitFor();

      // Offline: the page says attaching needs the network, and offers no upload.
      await phone.setOffline(true);
      await photos.getByTestId('photos-offline').waitFor();
      expect(await photos.getByRole('button', { name: /上传照片/ }).isDisabled()).toBe(true);
      await phone.setOffline(false);
      await photos.getByTestId('photos-offline').waitFor({ state: 'detached' });

      await photos.getByLabel('照片说明').fill('厂门口停工通知');
      await photos.getByLabel(/拍照或选择照片/).setInputFiles([
        { name: '通知1.jpg', mimeType: 'image/jpeg', buffer: first },
        { name: '通知2.jpg', mimeType: 'image/jpeg', buffer: second },
      ]);
      await photos.getByRole('button', { name: /上传照片/ }).click();
      await photos.getByText('已上传 2 张照片').waitFor();
      await photos.getByText('已附 2 张照片').waitFor();
      expect(await photos.getByTestId('alert-photo').allTextContents()).toEqual(['通知1.jpg', '通知2.jpg']);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await phone.close();
    }

    // The mediator on the triage desk: the alert's row opens to its evidence.
    const mediator = await app.user('mediator', { subDistrict: 'pinghu' });
    const desk = await browser.context(1440);
    try {
      const page = await desk.newPage();
      await logIn(page, app.base, mediator.username, mediator.password, '/workspace');
      await page.goto(`${app.base}/workspace/alerts`);
      const row = page.getByTestId(`alert-${alertId}`);
      await row.getByRole('button', { name: '展开行' }).click();
      const panel = page.getByTestId('evidence');
      const photo = panel.getByTestId('evidence-item').filter({ hasText: '通知1.jpg' });
      // Who attached it: the informant's account, by its username (an informant's name is personal
      // data kept sealed in the registry, not on the account: ADR 0012).
      await photo.filter({ hasText: '厂门口停工通知' }).filter({ hasText: informant.username }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), photo.getByRole('button', { name: /下载/ }).click()]);
      expect(download.suggestedFilename()).toBe('通知1.jpg');
      const chunks: Buffer[] = [];
      for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
      expect(Buffer.compare(Buffer.concat(chunks), first)).toBe(0);

      await panel.getByLabel('说明').fill('核实时拍的车间照片');
      await panel.getByLabel('选择文件').setInputFiles({ name: '车间.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
      await panel.getByRole('button', { name: /上\s?传/ }).click();
      await panel.getByTestId('evidence-item').filter({ hasText: '车间.jpg' }).waitFor();
      expect(await panel.getByTestId('evidence-item').count()).toBe(3);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await desk.close();
    }
    const files = await app.call('GET', `/api/v1/alerts/${alertId}/evidence`);
    expect(files.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['通知1.jpg', '通知2.jpg', '车间.jpg']);
  }, 300_000);
});
