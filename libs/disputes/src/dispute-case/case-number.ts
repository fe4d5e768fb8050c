import { district, subDistrict } from '@lc/reference-data';

/*
 * Case numbers read like the federation's paper files: district, sub-district, year, sequence,
 * e.g. LG-PH-2026-0042. The sequence is unique per sub-district and year; the handler allocates it
 * (without races) and passes the number in OpenDispute, the decider only records it.
 */

export interface CaseNoParts {
  districtPrefix: string;
  subDistrictAbbrev: string;
  year: number;
  n: number;
}

const CASE_NO = /^([A-Z]{2,3})-([A-Z]{2,3})-(\d{4})-(\d{4,})$/;

/** formatCaseNo('LG', 'PH', 2026, 42) → 'LG-PH-2026-0042'; sequences past 9999 simply grow a digit. */
export function formatCaseNo(districtPrefix: string, subDistrictAbbrev: string, year: number, n: number): string {
  if (!/^[A-Z]{2,3}$/.test(districtPrefix)) throw new RangeError(`bad district prefix ${JSON.stringify(districtPrefix)}`);
  if (!/^[A-Z]{2,3}$/.test(subDistrictAbbrev)) throw new RangeError(`bad sub-district abbreviation ${JSON.stringify(subDistrictAbbrev)}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`bad year ${year}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`bad sequence number ${n}`);
  return `${districtPrefix}-${subDistrictAbbrev}-${year}-${String(n).padStart(4, '0')}`;
}

export function parseCaseNo(caseNo: string): CaseNoParts | undefined {
  const match = CASE_NO.exec(caseNo);
  if (!match) return undefined;
  return { districtPrefix: match[1], subDistrictAbbrev: match[2], year: Number(match[3]), n: Number(match[4]) };
}

/** The case number from reference data: caseNoFor('pinghu', 2026, 42) → 'LG-PH-2026-0042'. */
export function caseNoFor(subDistrictCode: string, year: number, n: number, districtCode?: string): string {
  return formatCaseNo(district(districtCode).caseNoPrefix, subDistrict(subDistrictCode, districtCode).caseNoAbbrev, year, n);
}
