import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { accessibilityViolations, BrowserApp, launchBrowser, logIn, openedDialog, screenshot, START_TIMEOUT_MS, startBrowserApp, TestBrowser } from './support/browser-app';

/** Today and other days in China time, as the server counts them. */
const chinaDay = (daysAgo = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - daysAgo * 86_400_000));

const GROUP_EMPLOYER = { name: '平湖群体纠纷电子厂', creditCode: '91350200776049653A' };
const EMPLOYER = { name: '深圳市平湖电子制品有限公司', creditCode: '91440300708461136T' };

/**
 * Browser test 4 of issue 11, and the dashboard's lists: a supervisor keeps the dashboard open
 * while a mediator (through the API, as another client would) opens a case, records a recovery and
 * resolves it: the tiles follow without a reload. A group dispute left open, with a limitation
 * clock that has run out, appears under "needs attention" with links to the case; its employer
 * is on the watch-list, whose link opens the enterprise's page; the month it was back-dated into
 * has its report marked out of date, and the report downloads as CSV and XLSX.
 */
describe('the supervisor dashboard, live', () => {
  let app: BrowserApp;
  let browser: TestBrowser;
  let mediatorToken: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp('browser_dashboard'), launchBrowser()]);
    const mediator = await app.user('mediator');
    const login = await app.call('POST', '/api/v1/auth/login', { username: mediator.username, password: mediator.password });
    mediatorToken = login.body.accessToken;
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const asMediator = async (path: string, body: unknown, expected: number) => {
    const res = await app.call('POST', path, body, mediatorToken, { 'idempotency-key': randomUUID() });
    if (res.status !== expected) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('shows the new case and amount without reloading; the lists link to the records', async () => {
    const supervisor = await app.user('supervisor', { subDistrict: null });
    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, supervisor.username, supervisor.password, '/dashboard');
      const tile = (id: string) => page.getByTestId(id).locator('.ant-statistic-content');
      await tile('tile-disputes-resolved').getByText('0', { exact: true }).waitFor();
      await page.getByTestId('freshness').getByText(/数据为最新/).waitFor();
      // A month that has ended, within this year (the dashboard's default period): its report is issued when first asked for.
      const today = chinaDay();
      const backDated = today.slice(5, 7) === '01' ? undefined : chinaDay(Number(today.slice(8, 10)) + 3);
      const reportMonth = backDated?.slice(0, 7);
      if (reportMonth) await page.getByTestId('monthly-reports').getByRole('cell', { name: reportMonth, exact: true }).waitFor();
      // Marks this document: a reload would make a new one, without the mark.
      await page.evaluate(() => ((window as unknown as { dashboardMark: string }).dashboardMark = 'same page'));

      const opened = await asMediator(
        '/api/v1/disputes',
        { channel: 'walk_in', subDistrict: 'pinghu', employer: EMPLOYER, category: 'wage_arrears', workersInvolved: 3, amountClaimedFen: 20_000_000, summary: '三名职工工资拖欠', claimants: [{ name: '陈工' }] },
        201,
      );
      await asMediator(`/api/v1/disputes/${opened.id}/recoveries`, { amountFen: 12_345_678, recoveredOn: today }, 200);
      await asMediator(`/api/v1/disputes/${opened.id}/resolution`, { outcome: 'agreement', resolvedOn: today }, 200);
      // A group dispute (35 workers) left open, in a month that has ended; the worker knew of it over a year ago: its limitation clock has run out.
      const group = await asMediator(
        '/api/v1/disputes',
        {
          channel: 'petition',
          subDistrict: 'pinghu',
          employer: GROUP_EMPLOYER,
          category: 'wage_arrears',
          workersInvolved: 35,
          amountClaimedFen: 90_000_000,
          summary: '三十五名职工集体反映欠薪',
          claimants: [{ name: '刘工' }],
          ...(backDated ? { openedOn: backDated } : {}),
          infringementKnownOn: chinaDay(400),
        },
        201,
      );

      // The page asks again by itself: the tiles follow (the wait is long for a busy machine, not a speed check).
      await tile('tile-disputes-resolved').getByText('1', { exact: true }).waitFor({ timeout: 120_000 });
      await tile('tile-amount-recovered').getByText('12.35', { exact: true }).waitFor({ timeout: 120_000 });
      expect(await page.evaluate(() => (window as unknown as { dashboardMark?: string }).dashboardMark)).toBe('same page');

      const groupList = page.getByTestId('open-group-disputes');
      await groupList.getByRole('link', { name: group.caseNo }).waitFor({ timeout: 120_000 });
      expect(await groupList.getByRole('link', { name: group.caseNo }).getAttribute('href')).toBe(`/workspace/cases/${group.id}`);
      const overdue = page.getByTestId('overdue-clocks');
      await overdue.getByRole('link', { name: group.caseNo }).waitFor({ timeout: 120_000 });
      await overdue.getByText('仲裁时效').first().waitFor();
      if (reportMonth) await page.getByTestId(`report-out-of-date-${reportMonth}`).waitFor({ timeout: 180_000 });
      await page.getByTestId(`watch-${GROUP_EMPLOYER.creditCode}`).waitFor({ timeout: 120_000 });
      expect(await page.evaluate(() => (window as unknown as { dashboardMark?: string }).dashboardMark)).toBe('same page');

      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'dashboard-1440');

      if (reportMonth) {
        const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `下载 ${reportMonth} 月报 CSV` }).click()]);
        expect(csv.suggestedFilename()).toBe(`诉求信息月报-${reportMonth}.csv`);
        expect(readFileSync(await csv.path()).toString('utf8')).toMatch(/^\uFEFF/);
        const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `下载 ${reportMonth} 月报 XLSX` }).click()]);
        expect(xlsx.suggestedFilename()).toBe(`诉求信息月报-${reportMonth}.xlsx`);
        expect(readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1')).toBe('PK');
      }

      // The watch-list's link: the enterprise's page, with its group dispute.
      await page.getByTestId(`watch-${GROUP_EMPLOYER.creditCode}`).click();
      await page.waitForURL(`${app.base}/dashboard/enterprises/${GROUP_EMPLOYER.creditCode}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(GROUP_EMPLOYER.name) }).waitFor();
      await page.getByRole('link', { name: group.caseNo }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { dashboardMark?: string }).dashboardMark)).toBe('same page');

      // A 提示函 to the enterprise (issue 15), issued from its page citing its group dispute, then its DOCX.
      const docxText = async (download: { path(): Promise<string | null> }) =>
        (await (await JSZip.loadAsync(readFileSync((await download.path())!))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      await page.getByRole('button', { name: '发出函件' }).click();
      const dialog = await openedDialog(page);
      await dialog.getByLabel('查明的情况').fill('该企业拖欠三十五名职工两个月工资');
      await dialog.getByLabel(/提示、意见或建议事项/).fill('请于十五日内足额支付拖欠的工资');
      await dialog.getByRole('button', { name: /^提\s?交$/ }).click();
      const issued = page.getByTestId('letter-issued');
      const letterNo = /文号 (\S+)/.exec(await issued.getByText(/已发出提示函，文号 /).innerText())![1];
      const [letter] = await Promise.all([page.waitForEvent('download'), issued.getByRole('button', { name: '下载函件' }).click()]);
      expect(letter.suggestedFilename()).toBe(`${letterNo}.docx`);
      const letterText = await docxText(letter);
      for (const part of [GROUP_EMPLOYER.name, letterNo, '请于十五日内足额支付拖欠的工资']) expect(letterText).toContain(part);
      // The letters' list has it (a read model, asked again until it does), citing the case, with its download.
      const letters = page.getByRole('region', { name: '致企业函件' });
      await letters.getByRole('cell', { name: letterNo, exact: true }).waitFor({ timeout: 60_000 });
      await letters.getByRole('link', { name: group.caseNo }).waitFor();
      const [again] = await Promise.all([page.waitForEvent('download'), letters.getByRole('button', { name: `下载函件 DOCX ${letterNo}` }).click()]);
      expect(await docxText(again)).toContain(letterNo);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
    // Each wait above is for the page's own refresh (every 15 s) against a real, possibly busy, service.
  }, 600_000);

  it('is usable and accessible at 360 px', async () => {
    const supervisor = await app.user('supervisor', { subDistrict: null });
    const context = await browser.context(360);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, supervisor.username, supervisor.password, '/dashboard');
      await page.getByTestId('tile-disputes-resolved').locator('.ant-statistic-content').getByText('1', { exact: true }).waitFor();
      await page.getByTestId('open-group-disputes').getByRole('link').first().waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'dashboard-360');

      // The English switch: the tiles' labels from the dashboard's English strings, the figures unchanged.
      await page.getByRole('button', { name: 'English' }).click();
      const tiles = {
        'tile-disputes-resolved': 'Disputes resolved',
        'tile-amount-recovered': 'Won for workers (10,000 yuan)',
        'tile-group-disputes': 'Disputes of 30+ workers',
        'tile-complaints-handled': 'Complaints handled',
        'tile-mediations-concluded': 'Pre-litigation mediations',
        'tile-alerts': 'Early-warning alerts',
      };
      for (const [id, title] of Object.entries(tiles)) await page.getByTestId(id).getByText(title, { exact: true }).waitFor();
      await page.getByTestId('tile-disputes-resolved').locator('.ant-statistic-content').getByText('1', { exact: true }).waitFor();
      expect(await page.getByTestId('tile-disputes-resolved').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
    } finally {
      await context.close();
    }
  }, 300_000);
});
