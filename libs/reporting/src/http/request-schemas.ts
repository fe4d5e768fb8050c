import { z } from 'zod';
import { checkHistoryWindow, historyWindowQueryFields, isoDateSchema, namedPeriodSchema, subDistrictSchema } from '@lc/reference-data';
import { addMonths, isMonth, Period } from '../shared/period';

/*
 * Query strings of the statistics and report routes. Dates are China Standard Time calendar days,
 * both ends of a period included. Strict: an unknown parameter (a typo such as `form=`) is an
 * error, not silently a whole-history answer.
 */

const monthSchema = z.string().refine(isMonth, 'must be a month written YYYY-MM');
const yearSchema = z.coerce
  .number({ error: 'must be a year such as 2022' })
  .int('must be a year such as 2022')
  .min(2000, 'must be 2000 or later')
  .max(2100, 'must be 2100 or earlier');

/** Periods longer than this are refused: the longest chart is ten years of months. */
const MAX_MONTHS = 120;

const notBefore = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a <= b;

/** `period=2026-11`, `2026-Q3` or `2026`: the parser the enterprise view reads it with too (@lc/reference-data). */
const anyNamedPeriod = namedPeriodSchema();

const periodFields = {
  /** A month, quarter or year; instead of from and to. Neither: the current month (China time). */
  period: anyNamedPeriod.optional(),
  /** First day, inclusive (with to). */
  from: isoDateSchema.optional(),
  /** Last day, inclusive (with from). */
  to: isoDateSchema.optional(),
};

/** Either `period`, or `from` and `to` together, or nothing (the current month, resolved by the handler). */
function checkPeriod(q: { period?: Period; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (q.period !== undefined && (q.from !== undefined || q.to !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: 'give either period or from and to, not both' });
  } else if ((q.from === undefined) !== (q.to === undefined)) {
    ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'is required with ' + (q.from === undefined ? 'to' : 'from') });
  } else if (!notBefore(q.from, q.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  }
}

export const periodQuerySchema = z
  .strictObject({ ...periodFields, subDistrict: subDistrictSchema.optional() })
  .superRefine(checkPeriod);
export type PeriodQuery = z.output<typeof periodQuerySchema>;

/** by-sub-district compares sub-districts, so it takes no sub-district. */
export const districtPeriodQuerySchema = z.strictObject(periodFields).superRefine(checkPeriod);
export type DistrictPeriodQuery = z.output<typeof districtPeriodQuerySchema>;

/**
 * A year, a named period (its months: `period=2026-Q3` is July to September), or a range of
 * months (from, to: YYYY-MM); none: the current year (China time).
 */
export const byMonthQuerySchema = z
  .strictObject({
    year: yearSchema.optional(),
    /** A month, quarter or year: its months. Instead of year or from and to. */
    period: anyNamedPeriod.optional(),
    from: monthSchema.optional(),
    to: monthSchema.optional(),
    subDistrict: subDistrictSchema.optional(),
  })
  .superRefine((q, ctx) => {
    const range = q.from !== undefined || q.to !== undefined;
    if (q.period !== undefined && (q.year !== undefined || range)) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'give one of period, year, or from and to' });
    } else if (q.year !== undefined && range) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'give either year or from and to, not both' });
    } else if ((q.from === undefined) !== (q.to === undefined)) {
      ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'is required with ' + (q.from === undefined ? 'to' : 'from') + ' (or give year or period)' });
    } else if (isMonth(q.from) && isMonth(q.to)) {
      // zod runs this refinement even when a field failed its own check: only real months are compared.
      if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
      else if (addMonths(q.from, MAX_MONTHS - 1) < q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_MONTHS} months after from` });
    }
  });
export type ByMonthQuery = z.output<typeof byMonthQuerySchema>;

/**
 * The enterprise view's window rule, with the same fields and check (@lc/reference-data): a named
 * period (`period=2026`, `2026-Q3`, `2026-11`), or from/to, by default the three years to today.
 */
export const watchListQuerySchema = z
  .strictObject({
    ...historyWindowQueryFields,
    subDistrict: subDistrictSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .superRefine(checkHistoryWindow);
export type WatchListQuery = z.output<typeof watchListQuerySchema>;

export const annualReportQuerySchema = z
  .strictObject({
    /** Default: the current year (China time). */
    year: yearSchema.optional(),
    /** The year as a named period (`period=2026`), as on the statistics; instead of year. */
    period: namedPeriodSchema(['year'], ': the annual report covers a whole year').optional(),
    subDistrict: subDistrictSchema.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.year !== undefined && q.period !== undefined) ctx.addIssue({ code: 'custom', path: ['period'], message: 'give either period or year, not both' });
  });
export type AnnualReportQuery = z.output<typeof annualReportQuerySchema>;

/** `month=2026-11`, or the same as `period=2026-11` (the statistics' name); a report covers one month. */
export const monthlyReportQuerySchema = z
  .strictObject({
    month: monthSchema.optional(),
    /** The month as a named period (`period=2026-11`); instead of month. */
    period: namedPeriodSchema(['month'], ': a monthly report covers one month').optional(),
    format: z.enum(['json', 'csv', 'xlsx'], { error: 'must be json, csv or xlsx' }).default('json'),
    /** An earlier version of the issued report (1 = as first issued); default the current one. */
    revision: z.coerce.number({ error: 'must be a revision number' }).int('must be a revision number').min(1, 'must be 1 or more').optional(),
    subDistrict: subDistrictSchema.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.month !== undefined && q.period !== undefined) ctx.addIssue({ code: 'custom', path: ['period'], message: 'give either period or month, not both' });
    else if (q.month === undefined && q.period === undefined) ctx.addIssue({ code: 'custom', path: ['month'], message: 'is required (or give period)' });
  });
export type MonthlyReportQuery = z.output<typeof monthlyReportQuerySchema>;

/** The month a monthly-report query names (`month`, or `period`: the schema requires one). */
export function reportMonth(query: MonthlyReportQuery): string {
  return query.month ?? query.period!.from.slice(0, 7);
}

export const reviseMonthlyReportSchema = z.strictObject({
  month: monthSchema,
  /** Why (an import of last year's cases, a case back-dated into the month...): kept with the revision. */
  reason: z.string().trim().min(1, 'is required').max(500),
});
export type ReviseMonthlyReportRequest = z.output<typeof reviseMonthlyReportSchema>;

export const generateMonthlyReportSchema = z.strictObject({
  month: monthSchema,
  /**
   * Kept for old clients: an issued report is never replaced, so on a month that has one this is a
   * 409 pointing to POST /reports/monthly/revisions; on a month with none it changes nothing.
   */
  regenerate: z.boolean({ error: 'must be true or false' }).optional(),
});
export type GenerateMonthlyReportRequest = z.output<typeof generateMonthlyReportSchema>;
