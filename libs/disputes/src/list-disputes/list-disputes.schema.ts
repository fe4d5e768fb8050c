import { z } from 'zod';
import { accountRef, pageQueryFields, sortQueryField } from '@lc/http';
import { creditCodeSchema, subDistrictSchema } from '@lc/reference-data';
import { disputeCategory, disputeChannel, isoDate } from '../shared/request-fields';

/** What the case list sorts by: the items' own field names. */
export const DISPUTE_SORT_COLUMNS = {
  openedOn: 'd.opened_on',
  updatedAt: 'd.updated_at',
  caseNo: 'd.case_no',
  resolvedOn: 'd.resolved_on',
  amountClaimedFen: 'd.amount_claimed_fen',
  amountRecoveredFen: 'd.amount_recovered_fen',
  workersInvolved: 'd.workers_involved',
  subDistrict: 'd.sub_district',
  status: 'd.status',
};

/** GET /api/v1/disputes: every filter optional, combined with AND, within the caller's scope. */
export const listDisputesSchema = z.strictObject({
  status: z.enum(['open', 'resolved'], { error: 'must be open or resolved' }).optional(),
  subDistrict: subDistrictSchema.optional(),
  category: disputeCategory.optional(),
  channel: disputeChannel.optional(),
  /** The mediator's id, or `me` for the caller's own cases. */
  mediatorId: accountRef('must be the id (uuid) of a mediator account, or me').optional(),
  /** Opened on or after this date (inclusive). */
  openedFrom: isoDate.optional(),
  /** Opened on or before this date (inclusive). */
  openedTo: isoDate.optional(),
  groupDispute: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  /** The employer's unified social credit code (exact). */
  creditCode: creditCodeSchema.optional(),
  /** Case number, employer name or credit code, claimant name, or words of the summary. */
  q: z.string().trim().min(1).max(100).optional(),
  sort: sortQueryField(DISPUTE_SORT_COLUMNS, '-openedOn,-caseNo'),
  ...pageQueryFields,
});

export type ListDisputesRequest = z.output<typeof listDisputesSchema>;
