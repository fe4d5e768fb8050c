import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { accessibilityViolations, BrowserApp, launchBrowser, logIn, START_TIMEOUT_MS, startBrowserApp, submitDialog, TestBrowser } from './support/browser-app';

const EMPLOYER = { name: '深圳市平湖电子制品有限公司', creditCode: '91440300708461136T' };

async function mediator(app: BrowserApp, displayName: string) {
  const username = `med${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const res = await app.call('POST', '/api/v1/users', { username, password, role: 'mediator', subDistrict: 'pinghu', displayName });
  if (res.status !== 201) throw new Error(`create mediator: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, username, password, displayName };
}

async function token(app: BrowserApp, username: string, password: string): Promise<string> {
  const res = await app.call('POST', '/api/v1/auth/login', { username, password });
  if (res.status !== 200 && res.status !== 201) throw new Error(`login: ${res.status}`);
  return res.body.accessToken;
}

/** A case opened by the admin: nobody is assigned to it. */
async function openCase(app: BrowserApp, summary: string, claimant: Record<string, string> = { name: '陈工' }) {
  const res = await app.call(
    'POST',
    '/api/v1/disputes',
    { channel: 'walk_in', subDistrict: 'pinghu', employer: EMPLOYER, category: 'wage_arrears', workersInvolved: 3, amountClaimedFen: 3_000_000, summary, claimants: [claimant] },
    undefined,
    { 'idempotency-key': randomUUID() },
  );
  if (res.status !== 201) throw new Error(`open case: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; caseNo: string; version: number };
}

/** Read models follow the event log a moment later: ask until `ready` says so. */
async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Picks the list's order (the Ant Design select named 排序; its options live in a popup at the end of the page). */
async function sortBy(page: Page, option: string) {
  await page.getByLabel('排序', { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

async function expectAccessible(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/**
 * The workspace's assignment, notifications, complaints, court-referred mediations and possible
 * duplicates (issue 11 on the routes of issue 10), in a real browser against the real service.
 */
describe('the mediator workspace: assignment, notifications, complaints, mediations', () => {
  let app: BrowserApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp('browser_desk'), launchBrowser()]);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a mediator sees the assignment in the bell, reads it, and takes an unassigned case', async () => {
    const zhou = await mediator(app, '周调解');
    const assigned = await openCase(app, '三名职工加班费未付');
    const unassigned = await openCase(app, '三名职工工资拖欠');
    const assignment = await app.call('POST', `/api/v1/disputes/${assigned.id}/assignments`, { mediatorId: zhou.id }, undefined, {
      'if-match': `"${assigned.version}"`,
      'idempotency-key': randomUUID(),
    });
    expect(assignment.status).toBe(200);
    const zhouToken = await token(app, zhou.username, zhou.password);
    await until(
      () => app.call('GET', '/api/v1/notifications/unread-count', undefined, zhouToken),
      (res) => res.body.unread === 1,
    );

    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, zhou.username, zhou.password, '/workspace');
      await page.getByTestId('bell-count').getByText('1').waitFor();
      await page.getByTestId('bell').click();
      await page.getByRole('heading', { level: 1, name: '通知' }).waitFor();
      const note = page.getByTestId('notification').filter({ hasText: assigned.caseNo });
      await note.getByText('未读').waitFor();
      await expectAccessible(page);

      // Opening it marks it read and shows the case, assigned to Zhou.
      await note.getByRole('link', { name: '查看' }).click();
      await page.waitForURL(`${app.base}/workspace/cases/${assigned.id}`);
      await page.getByTestId('case-mediator').getByText('周调解').waitFor();
      await page.getByTestId('bell-count').waitFor({ state: 'detached' });
      const read = await app.call('GET', '/api/v1/notifications', undefined, zhouToken);
      expect(read.body).toMatchObject({ unread: 0, items: [{ kind: 'mediator_assigned', read: true, subject: { id: assigned.id } }] });

      // The unassigned case: Zhou takes it.
      await page.goto(`${app.base}/workspace/cases/${unassigned.id}`);
      await page.getByTestId('case-mediator').getByText('未分配').waitFor();
      await page.getByRole('button', { name: '由我办理' }).click();
      await submitDialog(page);
      await page.getByTestId('case-mediator').getByText('周调解').waitFor();
      await page.getByTestId('timeline-item').filter({ hasText: '分配调解员：周调解' }).filter({ hasText: '周调解（调解员）' }).waitFor();
      await expect(page.getByRole('button', { name: '由我办理' }).count()).resolves.toBe(0);
      const taken = await app.call('GET', `/api/v1/disputes/${unassigned.id}`);
      expect(taken.body.mediatorId).toBe(zhou.id);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('a court-referred mediation: taken, a session, the agreement, then judicial confirmation applied for and granted', async () => {
    const wu = await mediator(app, '吴调解');
    const courtCaseNo = `（2026）粤0307民诉前调${Math.floor(Math.random() * 90000) + 10000}号`;
    const referred = await app.call(
      'POST',
      '/api/v1/mediations',
      {
        court: '深圳市龙岗区人民法院',
        courtCaseNo,
        referredOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
        subDistrict: 'pinghu',
        category: 'wage_arrears',
        employer: EMPLOYER,
        workers: [{ name: '刘工' }, { name: '黄工' }],
        claimAmountFen: 1_200_000,
      },
      undefined,
      { 'idempotency-key': randomUUID() },
    );
    expect(referred.status).toBe(201);
    const id: string = referred.body.id;
    await until(
      () => app.call('GET', `/api/v1/mediations?q=${encodeURIComponent(courtCaseNo)}`),
      (res) => res.body.items?.length === 1,
    );

    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, wu.username, wu.password, '/workspace');
      await page.getByRole('link', { name: '诉前调解' }).click();
      await page.getByRole('heading', { level: 1, name: '诉前调解' }).waitFor();
      await sortBy(page, '案号');
      await page.waitForURL(/[?&]sort=courtCaseNo(&|$)/);
      await page.getByRole('link', { name: courtCaseNo }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^诉前调解 ${courtCaseNo.replace(/[()（）]/g, '.')}`) }).waitFor();
      await page.getByTestId('mediation-status').getByText('待分配').waitFor();
      // The mediation period's clock: 30 days from the referral.
      await page.getByTestId('mediation-deadline').getByText(/剩 30 天/).waitFor();

      await page.getByRole('button', { name: '由我办理' }).click();
      await submitDialog(page);
      await page.getByTestId('mediation-mediator').getByText('吴调解').waitFor();
      await page.getByTestId('mediation-status').getByText('调解中').waitFor();

      await page.getByRole('button', { name: '记录调解' }).click();
      await submitDialog(page, { 说明: '双方到场，企业同意分期支付' });
      await page.getByTestId('mediation-sessions').getByText('已调解 1 次').waitFor();

      await page.getByRole('button', { name: '达成协议' }).click();
      await submitDialog(page, { '协议金额（元）': '8,000', 履行方式: '月底前一次付清' });
      await page.getByTestId('mediation-status').getByText('达成协议').waitFor();
      await page.getByTestId('mediation-agreement').getByText(/8,000\.00/).waitFor();

      await page.getByRole('button', { name: '司法确认', exact: true }).click();
      await submitDialog(page);
      await page.getByTestId('mediation-judicial').getByText(/已申请司法确认/).waitFor();
      await page.getByRole('button', { name: '司法确认', exact: true }).click();
      await submitDialog(page);
      await page.getByTestId('mediation-judicial').getByText(/已司法确认/).waitFor();
      await expect(page.getByRole('button', { name: '司法确认', exact: true }).count()).resolves.toBe(0);

      const timeline = page.getByTestId('timeline-item');
      await timeline.filter({ hasText: '法院司法确认' }).waitFor();
      for (const what of ['分配调解员：吴调解', '当面调解', '达成调解协议 8,000.00 元', '申请司法确认', '法院司法确认']) {
        await timeline.filter({ hasText: what }).filter({ hasText: '吴调解（调解员）' }).first().waitFor();
      }
      await expectAccessible(page);

      // Agreed: the court's three documents download from the page, made from the mediation's events.
      for (const kind of ['mediation-agreement', 'judicial-confirmation-application', 'referral-feedback']) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${kind}`).click()]);
        expect(download.suggestedFilename()).toBe(`${courtCaseNo}-${kind}.docx`);
        const docx = await JSZip.loadAsync(await readFile((await download.path())!));
        const text = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
        expect(text).toContain(courtCaseNo);
        expect(text).toContain('刘工');
      }
      // The agreement's text holds the amount in capitals.
      const [agreement] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-mediation-agreement').click()]);
      const agreementText = (await (await JSZip.loadAsync(await readFile((await agreement.path())!))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      expect(agreementText).toContain('人民币捌仟元整');

      const detail = await app.call('GET', `/api/v1/mediations/${id}`);
      expect(detail.body).toMatchObject({ status: 'agreed', mediatorId: wu.id, sessionsHeld: 1, amountFen: 800_000, judicialConfirmation: 'granted' });
    } finally {
      await context.close();
    }
  }, 300_000);

  it('a 12351 complaint: received, the same work order refused with a link to the first, converted into a case', async () => {
    const zheng = await mediator(app, '郑调解');
    const workOrderNo = `12351-${randomUUID().slice(0, 8)}`;
    // An older complaint (received two days ago), for the list's order.
    const olderNo = `12351-${randomUUID().slice(0, 8)}`;
    const older = await app.call(
      'POST',
      '/api/v1/complaints',
      { source: 'hotline_12351', workOrderNo: olderNo, subDistrict: 'pinghu', summary: '反映加班费未足额支付', receivedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() },
      undefined,
      { 'idempotency-key': randomUUID() },
    );
    expect(older.status).toBe(201);
    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, zheng.username, zheng.password, '/workspace');
      await page.getByRole('link', { name: '投诉件' }).click();
      await page.getByRole('heading', { level: 1, name: '投诉件' }).waitFor();
      await expectAccessible(page);

      await page.getByRole('button', { name: '登记投诉件' }).click();
      await submitDialog(page, { '12351工单号': workOrderNo, 被投诉单位名称: '平湖某电子厂', 内容: '反映工厂拖欠两个月工资' });
      await page.waitForURL(/\/workspace\/complaints\/[0-9a-f-]{36}$/);
      const complaintId = /complaints\/([0-9a-f-]{36})$/.exec(page.url())![1];
      await page.getByTestId('complaint-status').getByText('待处理').waitFor();

      // The list's order: newest first, oldest first once chosen (kept in the address, sent as sort=).
      await page.goto(`${app.base}/workspace/complaints`);
      const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await firstRow.getByRole('link', { name: workOrderNo }).waitFor();
      await sortBy(page, '收到时间（旧到新）');
      await page.waitForURL(/[?&]sort=receivedAt(&|$)/);
      await firstRow.getByRole('link', { name: olderNo }).waitFor();

      // The same work order again: 409, nothing written, a link to the complaint that has it.
      await page.goto(`${app.base}/workspace/complaints`);
      await page.getByRole('button', { name: '登记投诉件' }).click();
      await submitDialog(page, { '12351工单号': workOrderNo, 内容: '重复来电' }, { stays: true });
      await page.getByTestId('duplicate-link').getByRole('link').click();
      await page.waitForURL(`${app.base}/workspace/complaints/${complaintId}`);

      // Converted into a case: the employer's credit code and a claimant are what the complaint lacked.
      await page.getByRole('button', { name: '转为案件' }).click();
      await submitDialog(page, { 统一社会信用代码: EMPLOYER.creditCode, 申请人姓名: '孙工', '诉求金额（元）': '20000' });
      await page.waitForURL(/\/workspace\/cases\/[0-9a-f-]{36}$/);
      const caseId = /cases\/([0-9a-f-]{36})$/.exec(page.url())![1];
      await page.getByTestId('case-facts').getByText('孙工').waitFor();
      const complaint = await app.call('GET', `/api/v1/complaints/${complaintId}`);
      expect(complaint.body).toMatchObject({ status: 'converted', disputeId: caseId, workOrderNo });
      const dispute = await app.call('GET', `/api/v1/disputes/${caseId}`);
      expect(dispute.body).toMatchObject({ source: { kind: 'complaint', id: complaintId }, amountClaimedFen: 2_000_000 });
    } finally {
      await context.close();
    }
  }, 300_000);

  it('opening a case with a claimant of an open case of the same employer: the page links to it, then opens it on confirmation', async () => {
    const qian = await mediator(app, '钱调解');
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const first = await openCase(app, '欠薪', { name: '赵工', phone });
    await until(
      () => app.call('GET', `/api/v1/disputes?q=${encodeURIComponent(first.caseNo)}`),
      (res) => res.body.items?.length === 1,
    );
    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, qian.username, qian.password, '/workspace');
      await page.getByRole('link', { name: '登记案件' }).click();
      const form = page.locator('form[id="open-case"]');
      await form.getByLabel('用人单位名称').fill(EMPLOYER.name);
      await form.getByLabel('统一社会信用代码').fill(EMPLOYER.creditCode);
      await form.getByLabel('案情摘要').fill('赵工再次来访反映欠薪');
      await form.getByLabel('申请人姓名').fill('赵工');
      await form.getByLabel('联系电话').fill(phone);
      await page.getByRole('button', { name: /^登\s?记$/ }).click();

      const warning = page.getByTestId('possible-duplicate');
      await warning.getByText('该单位已有相同申请人的在办案件').waitFor();
      await warning.getByRole('link', { name: `查看案件 ${first.caseNo}` }).waitFor();
      await expectAccessible(page);
      await warning.getByRole('button', { name: '确认不是重复，仍然登记' }).click();
      await page.waitForURL(/\/workspace\/cases\/[0-9a-f-]{36}$/);
      const secondId = /cases\/([0-9a-f-]{36})$/.exec(page.url())![1];
      expect(secondId).not.toBe(first.id);
      await page.getByTestId('case-mediator').getByText('钱调解').waitFor();
    } finally {
      await context.close();
    }
  }, 300_000);
});
