import { addDays } from './calendar';

/*
 * Periods of days on the Shanghai calendar, both ends included, and the named periods requests
 * give (`2026-11`, `2026-Q3`, `2026`): string arithmetic, so a period never depends on the
 * server's time zone. Here, below every context, so that the statistics and the enterprise view
 * (which may not import each other) read `period=` with one parser.
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
