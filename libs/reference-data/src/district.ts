import { z } from 'zod';
import longgang from './districts/longgang.json';
import type { AlertGrade, Locale, Localized } from './vocabularies';

/*
 * Districts are data: another district joins by adding its JSON file to DISTRICT_FILES. Each file
 * is checked when this module loads, so a bad file stops the process at boot, not mid-request.
 */

const localized = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

const districtFile = z
  .strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    caseNoPrefix: z.string().regex(/^[A-Z]{2,3}$/),
    name: localized,
    city: localized,
    federation: localized,
    timeZone: z.literal('Asia/Shanghai'),
    alertGrading: z.strictObject({ redAbove: z.number().int(), greenBelow: z.number().int() }),
    subDistricts: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[a-z][a-z0-9_]*$/),
          caseNoAbbrev: z.string().regex(/^[A-Z]{2,3}$/),
          name: localized,
          shortName: localized,
        }),
      )
      .min(1),
  })
  .superRefine((d, ctx) => {
    for (const key of ['code', 'caseNoAbbrev'] as const) {
      const values = d.subDistricts.map((s) => s[key]);
      const duplicates = values.filter((v, i) => values.indexOf(v) !== i);
      if (duplicates.length) ctx.addIssue({ code: 'custom', path: ['subDistricts'], message: `duplicate ${key}: ${duplicates.join(', ')}` });
    }
    if (d.alertGrading.greenBelow > d.alertGrading.redAbove) {
      ctx.addIssue({ code: 'custom', path: ['alertGrading'], message: 'greenBelow must not exceed redAbove' });
    }
  });

export interface SubDistrict {
  /** The API code, e.g. 'pinghu'. */
  readonly code: string;
  /** The middle part of a case number: LG-**PH**-2026-0042. */
  readonly caseNoAbbrev: string;
  /** Full name, e.g. 平湖街道 / Pinghu Subdistrict. */
  readonly name: Localized;
  /** As in tables and charts, e.g. 平湖 / Pinghu. */
  readonly shortName: Localized;
}

export interface District {
  readonly code: string;
  /** The first part of a case number: **LG**-PH-2026-0042. */
  readonly caseNoPrefix: string;
  readonly name: Localized;
  readonly city: Localized;
  /** The federation of trade unions that runs the system, as reports name it. */
  readonly federation: Localized;
  readonly timeZone: 'Asia/Shanghai';
  /** The district's "123" alert model: red above `redAbove` points, green below `greenBelow`, yellow between. */
  readonly alertGrading: { readonly redAbove: number; readonly greenBelow: number };
  /** In the district's customary order. */
  readonly subDistricts: readonly SubDistrict[];
}

const DISTRICT_FILES: Record<string, unknown> = { longgang };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function loadDistrict(name: string, raw: unknown): District {
  const parsed = districtFile.safeParse(raw);
  if (!parsed.success) throw new Error(`districts/${name}.json is invalid: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.code !== name) throw new Error(`districts/${name}.json declares code ${parsed.data.code}`);
  return deepFreeze(parsed.data);
}

const DISTRICTS: ReadonlyMap<string, District> = new Map(
  Object.entries(DISTRICT_FILES).map(([name, raw]) => [name, loadDistrict(name, raw)]),
);

/** The district this deployment serves. */
export const DEFAULT_DISTRICT_CODE = 'longgang';

export function districtCodes(): string[] {
  return [...DISTRICTS.keys()];
}

export function district(code: string = DEFAULT_DISTRICT_CODE): District {
  const found = DISTRICTS.get(code);
  if (!found) throw new RangeError(`no district ${JSON.stringify(code)}`);
  return found;
}

export function findSubDistrict(code: unknown, districtCode: string = DEFAULT_DISTRICT_CODE): SubDistrict | undefined {
  return typeof code === 'string' ? district(districtCode).subDistricts.find((s) => s.code === code) : undefined;
}

export function isSubDistrict(code: unknown, districtCode: string = DEFAULT_DISTRICT_CODE): code is string {
  return findSubDistrict(code, districtCode) !== undefined;
}

/** The sub-district with this code; throws RangeError for an unknown code (validate input first). */
export function subDistrict(code: string, districtCode: string = DEFAULT_DISTRICT_CODE): SubDistrict {
  const found = findSubDistrict(code, districtCode);
  if (!found) throw new RangeError(`no sub-district ${JSON.stringify(code)} in ${districtCode}`);
  return found;
}

/** The codes as a non-empty tuple, ready for `z.enum(subDistrictCodes())`. */
export function subDistrictCodes(districtCode: string = DEFAULT_DISTRICT_CODE): [string, ...string[]] {
  const [first, ...rest] = district(districtCode).subDistricts.map((s) => s.code);
  return [first, ...rest];
}

export function subDistrictName(code: string, locale: Locale = 'zh', districtCode: string = DEFAULT_DISTRICT_CODE): string {
  return subDistrict(code, districtCode).name[locale];
}

/** The sub-district whose case numbers carry this abbreviation (PH → pinghu). */
export function subDistrictByCaseNoAbbrev(abbrev: string, districtCode: string = DEFAULT_DISTRICT_CODE): SubDistrict | undefined {
  return district(districtCode).subDistricts.find((s) => s.caseNoAbbrev === abbrev);
}

/** The grade of an alert's risk score under the district's "123" model (red > 20, yellow 10-20, green < 10). */
export function alertGradeForScore(points: number, districtCode: string = DEFAULT_DISTRICT_CODE): AlertGrade {
  if (!Number.isFinite(points)) throw new RangeError(`not a score: ${points}`);
  const { redAbove, greenBelow } = district(districtCode).alertGrading;
  if (points > redAbove) return 'red';
  if (points < greenBelow) return 'green';
  return 'yellow';
}
