import { creditCodeCheckChar, district, isValidPhone, residentIdCheckChar } from '@lc/reference-data';
import data from './data/zh.json';
import { Random } from './random';

/* Plausible people and employers, with identifiers that pass the same checks real ones do. */

export interface Employer {
  name: string;
  creditCode: string;
  subDistrict: string;
}

export interface Person {
  name: string;
  idNumber?: string;
  phone?: string;
}

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function personName(random: Random): string {
  return random.pick(data.surnames) + random.pick(data.givenNames);
}

/** GB 11643-1999: address code, birth date, sequence, check character. */
export function residentId(random: Random, year: number): string {
  const birthYear = random.int(year - 58, year - 19);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const first17 = `${random.pick(data.idAddressCodes)}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(random.int(1, 999)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function mobilePhone(random: Random): string {
  const phone = `1${random.pick(['35', '36', '37', '38', '39', '50', '58', '59', '77', '86', '88', '89'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  if (!isValidPhone(phone)) throw new Error(`generated an invalid phone ${phone}`);
  return phone;
}

export function person(random: Random, year: number, details = true): Person {
  const p: Person = { name: personName(random) };
  if (details && random.chance(0.75)) p.idNumber = residentId(random, year);
  if (details && random.chance(0.85)) p.phone = mobilePhone(random);
  return p;
}

/**
 * GB 32100-2015: 9 (registered by market regulation) 1 (an enterprise), the Longgang
 * administrative division 440307, a 9-character organisation code, the check character.
 */
export function creditCode(random: Random): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += CREDIT_CODE_CHARS[random.int(0, i === 0 ? 9 : 30)];
  const first17 = `91440307${org}`;
  return first17 + creditCodeCheckChar(first17);
}

/** Employers spread over the sub-districts; names are unique. */
export function employers(random: Random, count: number): Employer[] {
  const subDistricts = district().subDistricts.map((s) => s.code);
  const names = new Set<string>();
  const result: Employer[] = [];
  while (result.length < count) {
    const name = `${random.pick(data.companyPlaces)}${random.pick(data.companyBrands)}${random.pick(data.companyTrades)}${random.pick(data.companySuffixes)}`;
    if (names.has(name)) continue;
    names.add(name);
    result.push({ name, creditCode: creditCode(random), subDistrict: subDistricts[result.length % subDistricts.length] });
  }
  return result;
}
