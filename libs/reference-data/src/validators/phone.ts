import { isErased } from '../erased';
/**
 * Chinese phone numbers as claimants give them: a mobile (11 digits from 13x-19x, optionally
 * +86) or a landline with area code (0755-28881234, optional extension).
 */

const MOBILE = /^(\+?86[- ]?)?(1[3-9]\d)(\d{4})(\d{4})$/;
const LANDLINE = /^(0\d{2,3})(-?)([2-9]\d{6,7})(-\d{1,6})?$/;

export function isMobilePhone(value: unknown): value is string {
  return typeof value === 'string' && MOBILE.test(value);
}

export function isValidPhone(value: unknown): value is string {
  return typeof value === 'string' && (MOBILE.test(value) || LANDLINE.test(value));
}

/** 13812345678 → 138****5678; 0755-28881234 → 0755-****1234; anything else keeps its last four digits. */
export function maskPhone(phone: string): string {
  if (isErased(phone)) return phone;
  const mobile = MOBILE.exec(phone);
  if (mobile) return `${mobile[1] ?? ''}${mobile[2]}****${mobile[4]}`;
  const landline = LANDLINE.exec(phone);
  if (landline) {
    const local = landline[3];
    return `${landline[1]}${landline[2]}${'*'.repeat(local.length - 4)}${local.slice(-4)}${landline[4] ?? ''}`;
  }
  let digitsLeft = (phone.match(/\d/g) ?? []).length;
  return phone.replace(/\d/g, (d) => (digitsLeft-- > 4 ? '*' : d));
}
