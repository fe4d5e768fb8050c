import { z } from 'zod';
import { NamedPeriodKind, namedPeriodKind, parseNamedPeriod, Period, unstorableTextProblem } from '@lc/decider';
import { subDistrictCodes } from './district';
import { creditCodeProblem } from './validators/credit-code';
import { isValidPhone } from './validators/phone';
import { residentIdProblem } from './validators/resident-id';

/*
 * Zod pieces for request schemas in every context (disputes, mediations, alerts), so the same
 * field is checked and worded the same way everywhere. Strings are trimmed before their bounds are
 * checked; codes are upper-cased before their check characters are.
 */

/**
 * Text the stores cannot keep (a NUL, a lone surrogate) is refused here too, not only by the API's
 * input guard: imports and the demo build requests without passing through HTTP.
 */
export const boundedText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((text, ctx) => {
      const problem = unstorableTextProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/**
 * The span of any date this service records or searches by: nothing happened in its records
 * before the People's Republic (1949-10-01), and a year like 0001 or 9999 is a typing slip, not a
 * date (year 1 even broke the Shanghai calendar). Whether a date may be after today is the
 * decider's to judge, with the clock: the schemas only know the span.
 */
export const EARLIEST_DATE = '1949-10-01';
export const LATEST_DATE = '2099-12-31';
const SPAN = `must be from ${EARLIEST_DATE} to ${LATEST_DATE}`;

export const isoDateSchema = z.iso
  .date({ error: 'must be a real date written YYYY-MM-DD' })
  // Only for text in the date's shape: the format check reports anything else (zod runs both).
  .refine((date) => !/^\d{4}-\d{2}-\d{2}$/.test(date) || (date >= EARLIEST_DATE && date <= LATEST_DATE), SPAN);

/** The calendar day of an instant in Shanghai (UTC+8, no daylight saving): that day must be in the span. */
const shanghaiDay = (instant: string): string => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);

/** With a zone: a phone's local time without one would be read as UTC, eight hours off. */
export const isoInstantSchema = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 date and time with a zone, e.g. 2026-03-10T10:00:00+08:00',
  })
  .refine((instant) => {
    // zod runs this even when the format check failed: a text that is no instant is that check's to report.
    if (Number.isNaN(Date.parse(instant))) return true;
    const day = shanghaiDay(instant);
    return day >= EARLIEST_DATE && day <= LATEST_DATE;
  }, `${SPAN} (China time)`);

/** Codes of the default district's sub-districts. */
export const subDistrictSchema = z.enum(subDistrictCodes(), { error: `must be one of ${subDistrictCodes().join(', ')}` });

/** A z.enum whose error lists the allowed codes. */
export const codeSchema = <const Codes extends readonly [string, ...string[]]>(codes: Codes) =>
  z.enum(codes, { error: `must be one of ${codes.join(', ')}` });

export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a valid Unified Social Credit Code: ${problem}` });
  });

export const residentIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((id, ctx) => {
    const problem = residentIdProblem(id);
    // No `input` in the issue: the personal number must not travel into logs with the error.
    if (problem) ctx.addIssue({ code: 'custom', message: `not a valid resident ID number: ${problem}` });
  });

export const phoneSchema = z
  .string()
  .trim()
  .refine(isValidPhone, 'must be a mainland mobile (13812345678) or a landline with area code (0755-28881234)');

/** { name, creditCode }: an employer as disputes, mediations and alerts name it. */
export const employerSchema = z.strictObject({ name: boundedText(200), creditCode: creditCodeSchema });

/** { name, idNumber?, phone? }: a claimant or worker. */
export const personSchema = z.strictObject({
  name: boundedText(50),
  idNumber: residentIdSchema.optional(),
  phone: phoneSchema.optional(),
});

const KIND_EXAMPLES: Record<NamedPeriodKind, string> = { month: 'a month (2026-11)', quarter: 'a quarter (2026-Q3)', year: 'a year (2026)' };

/**
 * `period=2026-11`, `2026-Q3` or `2026` → its days: the one parser of named periods on every
 * statistics and report route and the enterprise view. `kinds` narrows it where a route covers
 * only some (the annual report: a year); `why` says so in the message.
 */
export function namedPeriodSchema(kinds: NamedPeriodKind[] = ['month', 'quarter', 'year'], why = '') {
  const allowed = kinds.map((k) => KIND_EXAMPLES[k]);
  const expected = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
  return z.string().transform((text, ctx): Period => {
    const trimmed = text.trim();
    const kind = namedPeriodKind(trimmed);
    const period = parseNamedPeriod(trimmed);
    if (!kind || !period || !kinds.includes(kind)) {
      ctx.addIssue({ code: 'custom', message: `must be ${expected}${why}` });
      return z.NEVER;
    }
    return period;
  });
}

/**
 * `?period=` or `?from=&to=` of the enterprise view and the watch-list: China Standard Time days,
 * both included. A named period is its days; otherwise either of from and to may be left out:
 * `to` defaults to today, `from` to the three years that end on `to` (enterpriseHistoryWindow),
 * so the two routes look at the same days unless told otherwise.
 */
export const historyWindowQueryFields = {
  /** A month, quarter or year as the window; instead of from and to. */
  period: namedPeriodSchema().optional(),
  /** First day (inclusive); default: the day after the same date three years before `to`. */
  from: isoDateSchema.optional(),
  /** Last day (inclusive); default: today in China. */
  to: isoDateSchema.optional(),
};

export function checkHistoryWindow(q: { period?: Period; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (q.period !== undefined && (q.from !== undefined || q.to !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: 'give either period or from and to, not both' });
  } else if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  }
}
