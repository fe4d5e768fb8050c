import { runBuiltApp } from '../support/built-app';
import { accessibilityViolations, BrowserApp, launchBrowser, logIn, screenshot, startBrowserApp, TestBrowser } from './support/browser-app';

/**
 * Browser test 5 of issue 11: after the demo year 2022 (`npm run demo -- --year 2022 --seed 7`,
 * the built worker's demo command, into this test's database), the supervisor's dashboard for 2022
 * shows the federation's figures (677, 2116.67, 4, 243, 1076) and draws its charts.
 */
describe('the supervisor dashboard after the demo year 2022', () => {
  let app: BrowserApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startBrowserApp('browser_dashboard', {
        async beforeStart(env) {
          const demo = runBuiltApp('worker', env, ['demo', '--year', '2022', '--seed', '7']);
          const { code } = await demo.exited;
          if (code !== 0) throw new Error(`demo failed (${code}):\n${demo.output()}`);
        },
      }),
      launchBrowser(),
    ]);
  }, 1_200_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows 677, 2116.67, 4, 243 and 1076 with the charts drawn', async () => {
    const supervisor = await app.user('supervisor', { subDistrict: null });
    const context = await browser.context(1440);
    try {
      const page = await context.newPage();
      await logIn(page, app.base, supervisor.username, supervisor.password, '/dashboard');
      await page.goto(`${app.base}/dashboard?period=2022`);
      // The worker builds the read models from the demo's events first: the page refreshes by itself until then.
      const tile = (id: string) => page.getByTestId(id).locator('.ant-statistic-content');
      await page.waitForFunction(() => document.querySelector('[data-testid="tile-disputes-resolved"] .ant-statistic-content')?.textContent === '677', undefined, { timeout: 600_000, polling: 1000 });
      expect(await tile('tile-disputes-resolved').textContent()).toBe('677');
      expect(await tile('tile-amount-recovered').textContent()).toBe('2116.67');
      expect(await tile('tile-group-disputes').textContent()).toBe('4');
      expect(await tile('tile-complaints-handled').textContent()).toBe('243');
      expect(await tile('tile-mediations-concluded').textContent()).toBe('1076');
      await page.getByTestId('annual-sentence').getByText(/调处劳资纠纷677宗，帮助职工争取经济利益2116\.67万元/).waitFor();

      // Each chart drew something: its canvas has pixels that are not blank.
      for (const id of ['chart-by-month', 'chart-by-sub-district', 'chart-by-category']) {
        const drawn = await page.waitForFunction(
          (testId) => {
            const canvas = document.querySelector(`[data-testid="${testId}"] canvas`) as HTMLCanvasElement | null;
            if (!canvas || canvas.width === 0) return false;
            const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
            return painted > 1000;
          },
          id,
          { timeout: 60_000 },
        );
        expect(await drawn.jsonValue()).toBe(true);
      }
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'supervisor-2022-1440');
    } finally {
      await context.close();
    }
    // The read models replay a whole year first: on a busy machine that takes minutes.
  }, 900_000);
});
