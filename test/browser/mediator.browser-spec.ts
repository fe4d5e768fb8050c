import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { BrowserApp, launchBrowser, logIn, START_TIMEOUT_MS, startBrowserApp, submitDialog, TestBrowser } from './support/browser-app';

const ENTERPRISE = { creditCode: '91440300708461136T', name: '深圳市平湖电子制品有限公司' };

/** A mediator with a display name: the timeline must show it, not the username. */
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

/**
 * Browser tests 2 and 3 of issue 11: the mediator's workspace against the real service.
 */
describe('the mediator workspace', () => {
  let app: BrowserApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp('browser_mediator'), launchBrowser()]);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('takes an alert from the triage desk to a resolved case; the timeline names the mediator at each step', async () => {
    const informant = await app.user('informant', { subDistrict: 'pinghu', enterprises: [ENTERPRISE.creditCode] });
    const submitted = await app.call(
      'POST',
      '/api/v1/alerts',
      {
        enterprise: ENTERPRISE,
        subDistrict: 'pinghu',
        signals: ['wage_delay', 'layoffs'],
        workersAffected: 35,
        description: '工资拖欠两个月，工人在厂门口聚集',
        observedAt: new Date().toISOString(),
      },
      await token(app, informant.username, informant.password),
      { 'idempotency-key': randomUUID() },
    );
    expect(submitted.status).toBe(201);
    const alertId: string = submitted.body.id;

    // The triage list is a read model: wait until it has the alert (the page then finds it at once).
    for (let listed = false; !listed; ) {
      const list = await app.call('GET', '/api/v1/alerts?subDistrict=pinghu&pageSize=100');
      listed = list.body.items.some((a: { id: string }) => a.id === alertId);
      if (!listed) await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const li = await mediator(app, '李调解');
    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, li.username, li.password, '/workspace');
      await page.getByRole('heading', { level: 1, name: '我的工作' }).waitFor();

      // The triage desk: acknowledge, verify, then convert into a case.
      await page.getByRole('link', { name: '预警分拣' }).click();
      const row = page.getByTestId(`alert-${alertId}`);
      await row.getByText('已报送').waitFor();
      await row.getByRole('button', { name: /^受\s?理$/ }).click();
      await submitDialog(page);
      await row.getByTestId('alert-status').getByText('已受理').waitFor();
      await row.getByRole('button', { name: /^核\s?实$/ }).click();
      await submitDialog(page, { 说明: '电话核实，情况属实' });
      await row.getByTestId('alert-status').getByText('已核实').waitFor();
      await row.getByRole('button', { name: '转为案件' }).click();
      await submitDialog(page, { '诉求金额（元）': '350000' });

      // The case the alert became.
      await page.waitForURL(/\/workspace\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: /^案件 \S+/ }).waitFor();
      await page.getByTestId('case-workers').getByText('35').waitFor();

      await page.getByRole('button', { name: '记录办理步骤' }).click();
      await submitDialog(page, { 说明: '约谈企业负责人，承诺月底前支付' });
      await page.getByTestId('case-steps').getByText('已记录步骤 1 个').waitFor();

      await page.getByRole('button', { name: '登记追回金额' }).click();
      await submitDialog(page, { '金额（元）': '123,456.78' });
      await page.getByTestId('case-recovered').getByText('123,456.78').waitFor();

      await page.getByRole('button', { name: /^办\s?结$/ }).click();
      await submitDialog(page, { 说明: '双方达成协议' });
      await page.getByTestId('case-status').getByText('已办结').waitFor();

      // Resolved by an agreement, the case has its 调解协议书: downloaded as the users get it, it reads back with the amount.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-mediation-agreement').click()]);
      expect(download.suggestedFilename()).toMatch(/^LG-PH-\d{4}-\d{4}\.docx$/);
      const docx = await JSZip.loadAsync(await readFile((await download.path())!));
      const body = await docx.file('word/document.xml')!.async('string');
      expect(body).toContain('人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分（¥123,456.78元）');
      expect(body).toContain(ENTERPRISE.name);

      // The timeline: each step, who did it (the mediator's display name), when.
      const timeline = page.getByTestId('timeline-item');
      await timeline.filter({ hasText: '办结：达成协议' }).waitFor();
      const lines = await timeline.allInnerTexts();
      const expected = ['受理案件', '记录步骤：电话/当面联系', '追回 123,456.78 元', '办结：达成协议'];
      for (const what of expected) {
        const line = lines.find((l) => l.includes(what));
        expect(line).toBeDefined();
        expect(line).toContain('李调解（调解员）');
        expect(line).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
      }
      // In the order they happened.
      const positions = expected.map((what) => lines.findIndex((l) => l.includes(what)));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);

      // The server agrees (from the streams, never behind): the alert names this case, which holds the recovery in fen.
      const caseId = /cases\/([0-9a-f-]{36})$/.exec(page.url())![1];
      const alert = await app.call('GET', `/api/v1/alerts/${alertId}`);
      expect(alert.body).toMatchObject({ status: 'converted', disputeId: caseId });
      const detail = await app.call('GET', `/api/v1/disputes/${caseId}`);
      expect(detail.body).toMatchObject({ status: 'resolved', outcome: 'agreement', amountRecoveredFen: 12_345_678, stepsLogged: 1, source: { kind: 'alert', id: alertId } });
    } finally {
      await context.close();
    }
    // A dozen page steps, each waiting for the real service: time for a busy machine.
  }, 300_000);

  it('two contexts edit the same case: the second gets the conflict message and the fresh state, then redoes it', async () => {
    const first = await mediator(app, '王一');
    const second = await mediator(app, '张二');
    const opened = await app.call(
      'POST',
      '/api/v1/disputes',
      {
        channel: 'walk_in',
        subDistrict: 'pinghu',
        employer: { name: '平湖五金塑胶厂', creditCode: '91350200776049653A' },
        category: 'wage_arrears',
        workersInvolved: 5,
        amountClaimedFen: 5_000_000,
        summary: '五名职工工资拖欠',
        claimants: [{ name: '陈工' }],
      },
      await token(app, first.username, first.password),
      { 'idempotency-key': randomUUID() },
    );
    expect(opened.status).toBe(201);
    const casePath = `/workspace/cases/${opened.body.id}`;

    const [a, b] = [await browser.context(1440), await browser.context(1440)];
    try {
      const pageA = await a.newPage();
      const pageB = await b.newPage();
      await logIn(pageA, app.base, first.username, first.password, '/workspace');
      await logIn(pageB, app.base, second.username, second.password, '/workspace');
      await pageA.goto(`${app.base}${casePath}`);
      await pageB.goto(`${app.base}${casePath}`);
      await pageA.getByTestId('case-workers').getByText('5').waitFor();
      await pageB.getByTestId('case-workers').getByText('5').waitFor();

      // A changes the workers involved; B, still looking at the old version, does too.
      await pageA.getByRole('button', { name: '修改涉及人数' }).click();
      await submitDialog(pageA, { 涉及职工人数: '8', 原因: '又有三人反映' });
      await pageA.getByTestId('case-workers').getByText('8').waitFor();

      await pageB.getByRole('button', { name: '修改涉及人数' }).click();
      await submitDialog(pageB, { 涉及职工人数: '6', 原因: '核对名单' }, { stays: true });
      const conflict = pageB.getByTestId('conflict');
      await conflict.getByText('该记录已被他人修改').waitFor();
      // The fresh state behind the dialog: A's change, and the timeline names A.
      await pageB.getByTestId('case-workers').getByText('8').waitFor();
      await pageB.getByTestId('timeline-item').filter({ hasText: '修改涉及人数为 8 人' }).filter({ hasText: '王一' }).waitFor();
      // Nothing of B's was written.
      const before = await app.call('GET', `/api/v1/disputes/${opened.body.id}`);
      expect(before.body.workersInvolved).toBe(8);

      // What B typed is kept; B submits again on the new version.
      expect(await pageB.getByRole('dialog').getByLabel('涉及职工人数').inputValue()).toBe('6');
      await pageB.getByRole('dialog').getByRole('button', { name: '按最新内容重新提交' }).click();
      await pageB.getByTestId('case-workers').getByText('6').waitFor();
      await pageB.getByTestId('timeline-item').filter({ hasText: '修改涉及人数为 6 人' }).filter({ hasText: '张二' }).waitFor();
    } finally {
      await a.close();
      await b.close();
    }
  }, 300_000);
});
