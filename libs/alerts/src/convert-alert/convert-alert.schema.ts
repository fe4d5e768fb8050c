import { z } from 'zod';
import { assignToMe, claimant, confirmDuplicate, disputeCategory, fen, isoDate, text, workersInvolved } from '../shared/request-fields';

/**
 * POST /api/v1/alerts/{id}/conversion: what the case may add to the alert. Everything defaults
 * from the alert (disputeFromAlert): its enterprise, sub-district, workers affected and
 * description, a category from its signals, no amount claimed yet, and the workers affected as
 * the one claimant until the mediator names them. The body may be left out.
 */
export const convertAlertSchema = z
  .strictObject({
    category: disputeCategory.optional(),
    workersInvolved: workersInvolved.optional(),
    amountClaimedFen: fen(0).optional(),
    claimants: z.array(claimant).min(1, 'must name at least one claimant').max(1000, 'must list at most 1000 claimants').optional(),
    summary: text(4000).optional(),
    openedOn: isoDate.optional(),
    infringementKnownOn: isoDate.optional(),
    /** As when a case is opened: the employer has an open case with a claimant in common (409 without it). */
    confirmDuplicate,
    /** As when a case is opened: a mediator converting is assigned to the case unless this is false. */
    assignToMe,
  })
  .default({});

export type ConvertAlertRequest = z.output<typeof convertAlertSchema>;
