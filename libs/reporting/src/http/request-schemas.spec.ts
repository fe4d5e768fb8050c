import { byMonthQuerySchema } from './request-schemas';

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
