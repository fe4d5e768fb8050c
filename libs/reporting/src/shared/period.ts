import { addDays, addMonths, daysBetween, isIsoDate, monthPeriod, Period, shanghaiDate, startOfShanghaiDay } from '@lc/decider';

/*
 * Reporting periods are China Standard Time calendar days, both ends inclusive: a period is a pair
 * of 'YYYY-MM-DD' dates, a month 'YYYY-MM'. Everything here is string arithmetic on the Shanghai
 * calendar (see @lc/decider calendar), so a period never depends on the server's time zone.
 */

// Periods, months and named periods (`2026-Q3`) live in @lc/decider, named-periods: the enterprise
// view reads `period=` with the same parser, and may not import reporting.
export { addMonths, isMonth, monthPeriod, namedPeriodKind, parseNamedPeriod, yearPeriod } from '@lc/decider';
export type { NamedPeriodKind, Period } from '@lc/decider';

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

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
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
