import { z } from 'zod';
import { pageQueryFields } from '@lc/http';
import { ALERT_GRADES, codeSchema, creditCodeSchema, subDistrictSchema } from '@lc/reference-data';
import { AlertStatus } from '../alert/alert.decider';
import { isoDate } from '../shared/request-fields';

export const ALERT_STATUSES = ['submitted', 'acknowledged', 'verified', 'dismissed', 'converted'] as const satisfies readonly AlertStatus[];

const trueOrFalse = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

/** GET /api/v1/alerts: every filter optional, combined with AND, within the caller's scope. */
export const listAlertsSchema = z.strictObject({
  status: codeSchema(ALERT_STATUSES).optional(),
  /** The grade: red, yellow or green. */
  risk: codeSchema(ALERT_GRADES).optional(),
  subDistrict: subDistrictSchema.optional(),
  /** The informant's account id. */
  informant: z.uuid('must be the id (uuid) of an informant account').optional(),
  /** Submitted on or after this date (inclusive, Shanghai calendar). */
  submittedFrom: isoDate.optional(),
  /** Submitted on or before this date (inclusive, Shanghai calendar). */
  submittedTo: isoDate.optional(),
  escalated: trueOrFalse.optional(),
  /** Not yet picked up although their pick-up deadline has passed. */
  overdue: trueOrFalse.optional(),
  creditCode: creditCodeSchema.optional(),
  /** Words of the enterprise name or the description. */
  q: z.string().trim().min(1).max(100).optional(),
  ...pageQueryFields,
});

export type ListAlertsRequest = z.output<typeof listAlertsSchema>;

/** GET /api/v1/alerts/mine. */
export const listMyAlertsSchema = z.strictObject({
  status: codeSchema(ALERT_STATUSES).optional(),
  ...pageQueryFields,
});

export type ListMyAlertsRequest = z.output<typeof listMyAlertsSchema>;
