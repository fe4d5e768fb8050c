import type { Page } from 'playwright-core';
import { accessibilityViolations, ADMIN, BrowserApp, launchBrowser, logIn, screenshot, startBrowserApp, TestBrowser } from './support/browser-app';

/** Picks an option of the Ant Design select labelled `label` (its options live in a popup at the end of the page). */
async function choose(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  // Chosen means the list has closed: once, on a busy CI machine, it was still open (its listbox
  // has no name of its own) when the page was checked for accessibility long after.
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
}

/**
 * The administration pages (issue 11) in Chromium against the real service: an admin creates a
 * mediator account and finds it in the list (and a second account of the same name is refused
 * next to the username field); a dry run of a spreadsheet with a bad row shows the error at its
 * row and column, on a 360 px screen, and writes nothing.
 */
describe('administration in a browser', () => {
  let app: BrowserApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp('browser_admin'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('creates a mediator account and shows it in the list; a taken username is said at the field', async () => {
    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, ADMIN.username, ADMIN.password, '/admin');
      await page.getByRole('heading', { level: 2, name: '账号' }).waitFor();

      await page.getByTestId('new-account').click();
      const dialog = page.getByRole('dialog', { name: '新建账号' });
      await dialog.getByLabel('用户名').fill('mediator.chen');
      await dialog.getByLabel('姓名').fill('陈调解');
      await dialog.getByLabel('初始密码').fill('Bantian-Mediator-7');
      // The role offered first is mediator; a mediator must name a sub-district.
      await choose(page, dialog, '街道', '坂田');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'detached' });

      // The list is a read model a moment behind: the page asks again until the account is there.
      const row = page.getByTestId('accounts').getByRole('row', { name: /mediator\.chen/ });
      await row.waitFor();
      expect(await row.innerText()).toMatch(/陈调解[\s\S]*调解员[\s\S]*坂田[\s\S]*启用/);
      const listed = await app.call('GET', '/api/v1/users?q=mediator.chen');
      expect(listed.body.items).toEqual([expect.objectContaining({ username: 'mediator.chen', role: 'mediator', subDistrict: 'bantian', displayName: '陈调解', active: true })]);

      // The same username again: the server's 409 names the field, the page says it there, in Chinese.
      await page.getByTestId('new-account').click();
      const again = page.getByRole('dialog', { name: '新建账号' });
      await again.getByLabel('用户名').fill('mediator.chen');
      await again.getByLabel('初始密码').fill('Another-Passw0rd-9');
      await choose(page, again, '街道', '平湖');
      await again.getByRole('button', { name: /保\s*存/ }).click();
      const usernameItem = again.locator('.ant-form-item').filter({ has: page.getByLabel('用户名') });
      await usernameItem.locator('.ant-form-item-explain-error').getByText('已被使用').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await again.getByRole('button', { name: /取\s*消/ }).click();
      expect((await app.call('GET', '/api/v1/users?q=mediator.chen')).body.total).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('dry-runs a spreadsheet with a bad row at 360 px: the error is shown at its row and column, nothing is written', async () => {
    const context = await browser.context(360);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, ADMIN.username, ADMIN.password, '/admin');
      await page.getByRole('link', { name: '数据导入' }).click();
      await page.getByRole('heading', { level: 2, name: '数据导入' }).waitFor();
      await choose(page, page, '数据类型', '投诉反映');

      const csv = [
        'source,workOrderNo,subDistrict,employerName,summary,receivedAt,handledOn,handlingNote',
        '12351工单,GD-2022-0001,longgang,深圳市龙岗某餐饮管理有限公司,反映拖欠工资,2022-03-02 09:30,2022-03-04,已联系企业',
        'online_opinion,,龙城,,网帖称某厂欠薪,yesterday,,',
      ].join('\n');
      await page.getByLabel('表格文件（CSV 或 XLSX）').setInputFiles({ name: '投诉2022.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByRole('button', { name: '检查（不写入）' }).click();

      const report = page.getByTestId('dry-run');
      await report.waitFor();
      expect(await report.getByRole('heading', { level: 3 }).innerText()).toContain('投诉2022.csv');
      // The header is row 1: the bad row is row 3, its column as the file names it.
      const errorRows = report.getByTestId('import-errors').locator('tbody tr.ant-table-row');
      const table = await Promise.all((await errorRows.all()).map((row) => row.locator('td').allInnerTexts()));
      expect(table).toEqual([['3', 'receivedAt', expect.stringContaining('YYYY-MM-DD HH:mm')]]);
      const counts = await report.locator('.lc-admin-counts').innerText();
      expect(counts.replace(/\s+/g, ' ')).toBe('总行数 2 无误 1 有误 1 已导入过 0');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'admin-import-360');

      // A dry run writes nothing: no complaint exists.
      const complaints = await app.call('GET', '/api/v1/complaints');
      expect(complaints.status).toBe(200);
      expect(complaints.body.total).toBe(0);
    } finally {
      await context.close();
    }
  });
});
