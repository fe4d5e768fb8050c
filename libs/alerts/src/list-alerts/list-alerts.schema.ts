import { z } from 'zod';
import { accountRef, pageQueryFields, sortQueryField } from '@lc/http';
import { ALERT_GRADES, codeSchema, creditCodeSchema, subDistrictSchema } from '@lc/reference-data';
import { AlertStatus } from '../alert/alert.decider';
import { isoDate } from '../shared/request-fields';

export const ALERT_STATUSES = ['submitted', 'acknowledged', 'verified', 'dismissed', 'converted'] as const satisfies readonly AlertStatus[];

const trueOrFalse = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

/** Grades by severity, so that `-grade` puts red first. */
export const ALERT_SORT_COLUMNS = {
  grade: `CASE a.grade WHEN 'red' THEN 3 WHEN 'yellow' THEN 2 WHEN 'green' THEN 1 END`,
  points: 'a.points',
  submittedAt: 'a.submitted_at',
  updatedAt: 'a.updated_at',
  pickupDeadlineAt: 'a.pickup_deadline_at',
  workersAffected: 'a.workers_affected',
  subDistrict: 'a.sub_district',
  status: 'a.status',
};

/** GET /api/v1/alerts: every filter optional, combined with AND, within the caller's scope. */
export const listAlertsSchema = z.strictObject({
  status: codeSchema(ALERT_STATUSES).optional(),
  /** The grade: red, yellow or green (formerly `risk`). */
  grade: codeSchema(ALERT_GRADES).optional(),
  subDistrict: subDistrictSchema.optional(),
  /** The informant's account id (formerly `informant`). */
  informantId: z.uuid('must be the id (uuid) of an informant account').optional(),
  /** The mediator who picked the alert up (acknowledged it, or verified it on site), or `me` for the caller. */
  mediatorId: accountRef('must be the id (uuid) of a mediator account, or me').optional(),
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
  sort: sortQueryField(ALERT_SORT_COLUMNS, '-grade,-submittedAt'),
  ...pageQueryFields,
});

export type ListAlertsRequest = z.output<typeof listAlertsSchema>;

export const MY_ALERT_SORT_COLUMNS = { submittedAt: 'a.submitted_at', updatedAt: 'a.updated_at', status: 'a.status' };

/** GET /api/v1/alerts/mine. */
export const listMyAlertsSchema = z.strictObject({
  status: codeSchema(ALERT_STATUSES).optional(),
  sort: sortQueryField(MY_ALERT_SORT_COLUMNS, '-submittedAt'),
  ...pageQueryFields,
});

export type ListMyAlertsRequest = z.output<typeof listMyAlertsSchema>;
