import { z } from 'zod';
import { assignToMe, claimant, confirmDuplicate, disputeCategory, disputeChannel, employer, fen, isoDate, text, workersInvolved } from '../shared/request-fields';

/**
 * POST /api/v1/complaints/{id}/conversion: what the complaint lacks to become a dispute case.
 * Channel, sub-district, employer and summary default to the complaint's (disputeFromComplaint);
 * employer is required when the complaint has none with a credit code.
 */
export const convertComplaintSchema = z.strictObject({
  category: disputeCategory,
  workersInvolved,
  amountClaimedFen: fen(0),
  claimants: z.array(claimant).min(1, 'must name at least one claimant').max(1000, 'must list at most 1000 claimants'),
  employer: employer.optional(),
  summary: text(4000).optional(),
  channel: disputeChannel.optional(),
  openedOn: isoDate.optional(),
  infringementKnownOn: isoDate.optional(),
  /** As when a case is opened: the employer has an open case with a claimant in common (409 without it). */
  confirmDuplicate,
  /** As when a case is opened: a mediator converting is assigned to the case unless this is false. */
  assignToMe,
});

export type ConvertComplaintRequest = z.output<typeof convertComplaintSchema>;
