import { annualReportQuerySchema, byMonthQuerySchema, monthlyReportQuerySchema, reportMonth, watchListQuerySchema } from './request-schemas';

describe('GET /stats/by-month query', () => {
  const fields = (query: Record<string, string>) => {
    const result = byMonthQuerySchema.safeParse(query);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('names a from or to that is not a month, rather than failing while comparing them (found by the fuzz test)', () => {
    expect(fields({ from: '电话联系企业负责人', to: '2026-03' })).toEqual(['from']);
    expect(fields({ from: '2026-01', to: 'x' })).toEqual(['to']);
  });

  it('still compares real months', () => {
    expect(fields({ from: '2026-03', to: '2026-01' })).toEqual(['to']);
    expect(fields({ from: '2026-01', to: '2026-03' })).toEqual([]);
  });
});

describe('period= on every statistics and report route (one parser)', () => {
  const issues = (schema: { safeParse(q: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, query: Record<string, string>) => {
    const result = schema.safeParse(query);
    return result.success ? [] : result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes a year on the annual report and names period for a month or a quarter', () => {
    expect(annualReportQuerySchema.parse({ period: '2026' }).period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(issues(annualReportQuerySchema, { period: '2026-11' })).toEqual(['period: must be a year (2026): the annual report covers a whole year']);
    expect(issues(annualReportQuerySchema, { period: '2026-Q3' })).toEqual(['period: must be a year (2026): the annual report covers a whole year']);
    expect(issues(annualReportQuerySchema, { period: '2026', year: '2026' })).toEqual(['period: give either period or year, not both']);
  });

  it('takes any named period on the months chart and the watch-list, not beside the other ways to say it', () => {
    expect(byMonthQuerySchema.parse({ period: '2026-Q3' }).period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(issues(byMonthQuerySchema, { period: '2026', year: '2026' })).toEqual(['period: give one of period, year, or from and to']);
    expect(issues(byMonthQuerySchema, { period: '2026', from: '2026-01', to: '2026-02' })).toEqual(['period: give one of period, year, or from and to']);
    expect(issues(byMonthQuerySchema, { period: 'Q3' })).toEqual(['period: must be a month (2026-11), a quarter (2026-Q3) or a year (2026)']);
    expect(watchListQuerySchema.parse({ period: '2026-11' }).period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(issues(watchListQuerySchema, { period: '2026', to: '2026-11-30' })).toEqual(['period: give either period or from and to, not both']);
  });

  it('takes the monthly report’s month as month or period, a month only', () => {
    expect(reportMonth(monthlyReportQuerySchema.parse({ month: '2026-11' }))).toBe('2026-11');
    expect(reportMonth(monthlyReportQuerySchema.parse({ period: '2026-11' }))).toBe('2026-11');
    expect(issues(monthlyReportQuerySchema, { period: '2026' })).toEqual(['period: must be a month (2026-11): a monthly report covers one month']);
    expect(issues(monthlyReportQuerySchema, {})).toEqual(['month: is required (or give period)']);
    expect(issues(monthlyReportQuerySchema, { month: '2026-11', period: '2026-11' })).toEqual(['period: give either period or month, not both']);
  });
});
