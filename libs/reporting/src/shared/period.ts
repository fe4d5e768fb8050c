import { addDays, daysBetween, isIsoDate, shanghaiDate, startOfShanghaiDay } from '@lc/decider';

/*
 * Reporting periods are China Standard Time calendar days, both ends inclusive: a period is a pair
 * of 'YYYY-MM-DD' dates, a month 'YYYY-MM'. Everything here is string arithmetic on the Shanghai
 * calendar (see @lc/decider calendar), so a period never depends on the server's time zone.
 */

export interface Period {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

function parseMonth(month: string): [number, number] {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a YYYY-MM month: ${JSON.stringify(month)}`);
  return [Number(match[1]), Number(match[2])];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The month n months after (negative: before) the given one. */
export function addMonths(month: string, n: number): string {
  const [year, m] = parseMonth(month);
  const index = year * 12 + (m - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/** 2022-05 → 2022-05-01 .. 2022-05-31; February knows its leap years. */
export function monthPeriod(month: string): Period {
  parseMonth(month);
  return { from: `${month}-01`, to: addDays(`${addMonths(month, 1)}-01`, -1) };
}

export function yearPeriod(year: number): Period {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`not a year: ${year}`);
  return { from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31` };
}

/** The month a Shanghai date falls in. */
export function monthOf(date: string): string {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return date.slice(0, 7);
}

/** The month before the one this instant falls in, by the Shanghai calendar: what a report on the 1st covers. */
export function previousMonth(now: Date): string {
  return addMonths(monthOf(shanghaiDate(now)), -1);
}

/** Every month that a period touches, in order (2022-11-15..2023-01-02 → 2022-11, 2022-12, 2023-01). */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let month = monthOf(period.from); month <= monthOf(period.to); month = addMonths(month, 1)) months.push(month);
  return months;
}

/** The instant a period ends: midnight in Shanghai after its last day (2022-05 → 2022-05-31T16:00:00Z). */
export function endOfPeriod(period: Period): Date {
  return startOfShanghaiDay(addDays(period.to, 1));
}

/** Whether the whole period lies before `now` (its last Shanghai day is over). */
export function periodIsOver(period: Period, now: Date): boolean {
  return now.getTime() >= endOfPeriod(period).getTime();
}

/** The same calendar date n years later or earlier; 29 February becomes 28 February off leap years. */
export function addYears(date: string, n: number): string {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const year = Number(date.slice(0, 4)) + n;
  const candidate = `${pad(year, 4)}${date.slice(4)}`;
  return isIsoDate(candidate) ? candidate : `${pad(year, 4)}-02-28`;
}

/** Whole days of a period (both ends counted). */
export function periodDays(period: Period): number {
  return daysBetween(period.from, period.to) + 1;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

export type NamedPeriodKind = 'month' | 'quarter' | 'year';

/** Which kind of named period the text is, if any. */
export function namedPeriodKind(text: string): NamedPeriodKind | undefined {
  if (isMonth(text)) return 'month';
  if (QUARTER.test(text)) return 'quarter';
  if (YEAR.test(text)) return 'year';
  return undefined;
}

/**
 * A named period: a month `2026-11`, a quarter `2026-Q3` or a year `2026`; undefined when the
 * text is none of them.
 */
export function parseNamedPeriod(text: string): Period | undefined {
  if (isMonth(text)) return monthPeriod(text);
  const quarter = QUARTER.exec(text);
  if (quarter) {
    const first = `${quarter[1]}-${pad((Number(quarter[2]) - 1) * 3 + 1, 2)}`;
    return { from: monthPeriod(first).from, to: monthPeriod(addMonths(first, 2)).to };
  }
  const year = YEAR.exec(text);
  if (year) return yearPeriod(Number(year[1]));
  return undefined;
}

/** The Shanghai month and year this instant falls in: what a statistics page shows when asked for no period. */
export function currentMonth(now: Date): string {
  return monthOf(shanghaiDate(now));
}

export function currentYear(now: Date): number {
  return Number(shanghaiDate(now).slice(0, 4));
}

/** A statistics request's period: `period`, or `from`/`to`, or by default the current month. */
export function resolvePeriod(request: { period?: Period; from?: string; to?: string }, now: Date): Period {
  if (request.period) return request.period;
  if (request.from !== undefined && request.to !== undefined) return { from: request.from, to: request.to };
  return monthPeriod(currentMonth(now));
}
