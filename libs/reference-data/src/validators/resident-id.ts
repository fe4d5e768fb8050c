import { isErased } from '../erased';
import { isIsoDate } from '@lc/decider';

/**
 * Resident identity card number (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit birth
 * date, 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
 * It is personal data: show it masked (maskResidentId) wherever the full value is not needed.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits; throws RangeError for anything else. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('not the first 17 digits of a resident ID number');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** The birth date a resident ID number carries, as YYYY-MM-DD (undefined if it is not a real date). */
export function residentIdBirthDate(id: string): string | undefined {
  if (!/^\d{14}/.test(id)) return undefined;
  const date = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isIsoDate(date) ? date : undefined;
}

/**
 * Why an ID number is not valid, without echoing it (it is personal data); undefined when valid.
 * Expects upper case X (schemas upper-case input first).
 */
export function residentIdProblem(id: string): string | undefined {
  if (id.length !== 18) return `must be 18 characters (it has ${id.length})`;
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 17 digits followed by a digit or X';
  if (id[0] === '0') return 'address code cannot start with 0';
  const birth = residentIdBirthDate(id);
  if (birth === undefined) return 'birth date (characters 7-14) is not a real date';
  if (birth < '1900-01-01') return 'birth date (characters 7-14) is before 1900';
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return 'check character does not match: the number is mistyped (GB 11643-1999)';
  return undefined;
}

export function isValidResidentId(id: unknown): id is string {
  return typeof id === 'string' && residentIdProblem(id) === undefined;
}

/** 11010519491231002X → 110105********002X: the address code and the last four stay. */
export function maskResidentId(id: string): string {
  if (isErased(id)) return id;
  const head = id.length >= 15 ? 6 : 0;
  const tail = id.length >= 8 ? 4 : 0;
  return id.slice(0, head) + '*'.repeat(id.length - head - tail) + id.slice(id.length - tail);
}
