/** The dashboard's period, as the URL keeps it and as each statistics route asks for it. */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface DashboardPeriod {
  kind: PeriodKind;
  /** 2022-03, 2022-Q1 or 2022 (not custom). */
  period?: string;
  /** YYYY-MM-DD, both included (custom). */
  from?: string;
  to?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
const YEAR = /^\d{4}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** From the URL's search parameters; anything unreadable: the current year (China time). */
export function readPeriod(params: URLSearchParams, today: string): DashboardPeriod {
  const period = params.get('period') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (DAY.test(from) && DAY.test(to) && from <= to) return { kind: 'custom', from, to };
  if (MONTH.test(period)) return { kind: 'month', period };
  if (QUARTER.test(period)) return { kind: 'quarter', period };
  if (YEAR.test(period)) return { kind: 'year', period };
  return { kind: 'year', period: today.slice(0, 4) };
}

/** ?period= or ?from=&to= for summary, by-sub-district, by-category. */
export function periodQuery(p: DashboardPeriod): { period?: string; from?: string; to?: string } {
  return p.kind === 'custom' ? { from: p.from, to: p.to } : { period: p.period };
}

/** by-month takes a year or a range of months. */
export function monthsQuery(p: DashboardPeriod): { year?: number; from?: string; to?: string } {
  switch (p.kind) {
    case 'year':
      return { year: Number(p.period) };
    case 'month':
      return { from: p.period, to: p.period };
    case 'quarter': {
      const [year, q] = p.period!.split('-Q');
      const first = (Number(q) - 1) * 3 + 1;
      const mm = (n: number) => String(n).padStart(2, '0');
      return { from: `${year}-${mm(first)}`, to: `${year}-${mm(first + 2)}` };
    }
    case 'custom':
      return { from: p.from!.slice(0, 7), to: p.to!.slice(0, 7) };
  }
}

/** The year whose annual sentence is shown: only for a whole year. */
export function annualYear(p: DashboardPeriod): number | undefined {
  return p.kind === 'year' ? Number(p.period) : undefined;
}
