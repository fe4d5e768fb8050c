/**
 * Calendar dates in China Standard Time. Reporting periods, legal clocks and "not in the future"
 * are all judged by the Shanghai calendar, not UTC: 2026-03-09T17:00:00Z is already 2026-03-10
 * there. Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is
 * exact for every date this system records and needs no time-zone database.
 *
 * Dates are 'YYYY-MM-DD' strings throughout (JSON-friendly, sortable as strings).
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

/**
 * Dates and their UTC midnights, remembered: the clocks and the statistics turn the same few
 * hundred dates back and forth for every event (a rebuild of 200,000 events made some 170 MB of
 * short-lived strings and Dates here). Pure: a date's midnight never changes. Bounded: emptied
 * when full, so a process that meets many dates holds at most this many.
 */
const REMEMBERED = 20_000;
const midnights = new Map<string, number>();
const datesOfMidnights = new Map<number, string>();

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= REMEMBERED) map.clear();
  map.set(key, value);
  return value;
}

/** The YYYY-MM-DD of a UTC midnight (as Date.prototype.toISOString writes it). */
function dateOfMidnight(midnight: number): string {
  return datesOfMidnights.get(midnight) ?? remember(datesOfMidnights, midnight, new Date(midnight).toISOString().slice(0, 10));
}

/** The Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('shanghaiDate: invalid Date');
  const shifted = time + OFFSET_MS;
  return dateOfMidnight(shifted - mod(shifted, DAY_MS));
}

/** The remainder that is never negative (instants before 1970 have negative times). */
function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/**
 * An instant written in China Standard Time with its offset, as the API writes every instant and
 * as messages speak of time: 2026-03-10T02:00:00Z → 2026-03-10T10:00:00.000+08:00.
 */
export function shanghaiInstant(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('shanghaiInstant: invalid Date');
  return new Date(time + OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** A real calendar date written YYYY-MM-DD (2026-02-29 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(utcMidnight(year, month, day));
  // An impossible day (02-30) rolls over into the next month, so compare every part.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * An ISO 8601 instant with a time zone designator (Z or ±hh:mm). Instants without one are
 * refused: a phone's local time would be read as UTC and be off by eight hours.
 */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return false;
  return isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

function utcMidnight(year: number, month: number, day: number): number {
  // Not Date.UTC: it reads years 0-99 as 1900-1999.
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

function toUtcMidnight(date: string): number {
  const known = midnights.get(date);
  if (known !== undefined) return known;
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return remember(midnights, date, utcMidnight(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))));
}

/** The date n days after (or, negative, before) the given one. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: not a whole number of days: ${n}`);
  return dateOfMidnight(toUtcMidnight(date) + n * DAY_MS);
}

/** Whole days from a to b: positive when b is later. daysBetween('2026-03-01', '2026-03-31') = 30. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMidnight(b) - toUtcMidnight(a)) / DAY_MS);
}

/** The instant a Shanghai day begins (00:00 +08:00), e.g. to turn a date range into instants. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(toUtcMidnight(date) - OFFSET_MS);
}

/**
 * The window the enterprise view and the watch-list look at when asked for none: the three years
 * that end on `to` (from the day after the same date three years before; 29 February → 28).
 * One rule for both, so that an employer's counts on its page are those that ranked it.
 */
export const ENTERPRISE_HISTORY_YEARS = 3;

export function enterpriseHistoryWindow(to: string): { from: string; to: string } {
  const year = Number(to.slice(0, 4)) - ENTERPRISE_HISTORY_YEARS;
  let sameDay = `${String(year).padStart(4, '0')}${to.slice(4)}`;
  if (!isIsoDate(sameDay)) sameDay = `${String(year).padStart(4, '0')}-02-28`;
  return { from: addDays(sameDay, 1), to };
}

/**
 * A requested window with its defaults filled in: a named period is its days (`period=2026`);
 * otherwise `to` today, `from` three years back from `to`.
 */
export function resolveHistoryWindow(requested: { period?: { from: string; to: string }; from?: string; to?: string }, today: string): { from: string; to: string } {
  if (requested.period) return requested.period;
  const to = requested.to ?? (requested.from !== undefined && requested.from > today ? requested.from : today);
  return { from: requested.from ?? enterpriseHistoryWindow(to).from, to };
}
