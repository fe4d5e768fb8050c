import { FieldError, ValidationFailedError, isIsoDate, isIsoInstant, shanghaiDate, unprocessable, unstorableTextProblem } from '@lc/decider';
import { EARLIEST_DATE, LATEST_DATE } from './schemas';
import { isSubDistrict, subDistrictCodes } from './district';
import { creditCodeProblem } from './validators/credit-code';
import { isValidPhone } from './validators/phone';
import { residentIdProblem } from './validators/resident-id';
import { isCode, Vocabulary } from './vocabularies';

/*
 * The letter (documents) and person (personal-data) deciders still check their few fields again
 * with FieldChecks. The dispute, complaint, mediation, alert and informant deciders do not: their
 * commands are their request schemas' output, and every path that makes one parses through the
 * schema (docs/architecture.md, "One source per field set"). The date rules below need the clock
 * or the state, and stay the deciders'.
 */

/**
 * A phone's clock may run a little ahead of the server's; an instant "just now" from the client
 * should not be refused as being in the future.
 */
export const CLIENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Collects every bad value of a command, so one 400 names them all. */
export class FieldChecks {
  private readonly errors: FieldError[] = [];

  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  text(field: string, value: unknown, optional = false): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'string' || value.trim() === '') return this.fail(field, 'must be a non-empty string');
    const unstorable = unstorableTextProblem(value);
    if (unstorable) this.fail(field, unstorable);
  }

  integer(field: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      this.fail(field, `must be a whole number from ${min} to ${max}`);
    }
  }

  date(field: string, value: unknown, optional = false): void {
    if (value === undefined && optional) return;
    if (!isIsoDate(value)) return this.fail(field, 'must be a date written YYYY-MM-DD');
    if (value < EARLIEST_DATE || value > LATEST_DATE) this.fail(field, `must be from ${EARLIEST_DATE} to ${LATEST_DATE}`);
  }

  instant(field: string, value: unknown): void {
    if (!isIsoInstant(value)) return this.fail(field, 'must be an ISO 8601 date and time with a zone, e.g. 2026-03-10T10:00:00+08:00');
    const day = shanghaiDate(new Date(value));
    if (day < EARLIEST_DATE || day > LATEST_DATE) this.fail(field, `must be from ${EARLIEST_DATE} to ${LATEST_DATE} (Shanghai time)`);
  }

  code<V extends Vocabulary>(field: string, vocabulary: V, value: unknown): void {
    if (!isCode(vocabulary, value)) this.fail(field, `is not a known code of ${vocabulary}`);
  }

  subDistrict(field: string, value: unknown): void {
    if (!isSubDistrict(value)) this.fail(field, `must be one of ${subDistrictCodes().join(', ')}`);
  }

  creditCode(field: string, value: unknown): void {
    const problem = typeof value === 'string' ? creditCodeProblem(value) : 'must be a string';
    if (problem) this.fail(field, problem);
  }

  residentId(field: string, value: unknown): void {
    if (value === undefined) return;
    const problem = typeof value === 'string' ? residentIdProblem(value) : 'must be a string';
    if (problem) this.fail(field, problem);
  }

  phone(field: string, value: unknown): void {
    if (value === undefined) return;
    if (!isValidPhone(value)) this.fail(field, 'must be a mainland mobile (13812345678) or landline with area code (0755-28881234)');
  }

  throwIfAny(): void {
    if (this.errors.length) throw new ValidationFailedError(this.errors);
  }
}

export function today(now: Date): string {
  return shanghaiDate(now);
}

/** Dates are judged by the Shanghai calendar: on 2026-03-10 (Shanghai) 2026-03-10 is allowed, 03-11 is not. */
export function refuseFutureDate(field: string, date: string, now: Date): void {
  if (date > today(now)) throw unprocessable(`${field} ${date} is in the future (today is ${today(now)} in Shanghai)`, field);
}

export function refuseFutureInstant(field: string, instant: string, now: Date): void {
  if (Date.parse(instant) > now.getTime() + CLIENT_CLOCK_SKEW_MS) {
    throw unprocessable(`${field} ${instant} is in the future (it is now ${now.toISOString()})`, field);
  }
}

export function refuseDateBefore(field: string, date: string, earliest: string, what: string): void {
  if (date < earliest) throw unprocessable(`${field} ${date} is before ${what} (${earliest})`, field);
}

/** An object without its undefined properties: JSON would drop them, and events must be stored as decided. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
