import { z } from 'zod';
import { pageQueryFields } from '@lc/http';
import { subDistrictSchema } from '@lc/reference-data';
import { disputeCategory, disputeChannel, isoDate } from '../shared/request-fields';

/** GET /api/v1/disputes: every filter optional, combined with AND, within the caller's scope. */
export const listDisputesSchema = z.strictObject({
  status: z.enum(['open', 'resolved'], { error: 'must be open or resolved' }).optional(),
  subDistrict: subDistrictSchema.optional(),
  category: disputeCategory.optional(),
  channel: disputeChannel.optional(),
  mediatorId: z.uuid('must be the id (uuid) of a mediator account').optional(),
  /** Opened on or after this date (inclusive). */
  openedFrom: isoDate.optional(),
  /** Opened on or before this date (inclusive). */
  openedTo: isoDate.optional(),
  groupDispute: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  /** Case number, employer name or credit code, claimant name, or words of the summary. */
  q: z.string().trim().min(1).max(100).optional(),
  ...pageQueryFields,
});

export type ListDisputesRequest = z.output<typeof listDisputesSchema>;
