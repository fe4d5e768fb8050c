import { randomBytes, randomUUID } from 'node:crypto';
import { BrowserApp, launchBrowser, logIn, START_TIMEOUT_MS, startBrowserApp, TestBrowser } from './support/browser-app';

/**
 * The evidence panel of a case in the mediator's workspace (issue 15): a file chosen in the
 * browser is uploaded with its description, listed, downloaded byte for byte, and removed; the
 * timeline names who did each.
 */
describe('evidence in the mediator workspace', () => {
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
});
