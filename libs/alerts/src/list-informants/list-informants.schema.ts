import { z } from 'zod';
import { pageQueryFields, sortQueryField } from '@lc/http';
import { creditCodeSchema, subDistrictSchema } from '@lc/reference-data';

const trueOrFalse = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

export const INFORMANT_SORT_COLUMNS = {
  name: 'i.name',
  subDistrict: 'i.sub_district',
  registeredAt: 'i.registered_at',
  alertsSubmitted: 'coalesce(act.alerts_submitted, 0)',
  lastAlertAt: 'act.last_alert_at',
  enterpriseCount: 'i.enterprise_count',
};

/** GET /api/v1/informants: every filter optional, combined with AND, within the caller's scope. */
export const listInformantsSchema = z.strictObject({
  subDistrict: subDistrictSchema.optional(),
  active: trueOrFalse.optional(),
  /** Those who cover this enterprise (formerly `enterprise`). */
  creditCode: creditCodeSchema.optional(),
  /** Whether they have reported online at least once (the coverage figure). */
  reported: trueOrFalse.optional(),
  /** Words of the name, or digits of the phone. */
  q: z.string().trim().min(1).max(60).optional(),
  sort: sortQueryField(INFORMANT_SORT_COLUMNS, 'subDistrict,name'),
  ...pageQueryFields,
});

export type ListInformantsRequest = z.output<typeof listInformantsSchema>;
