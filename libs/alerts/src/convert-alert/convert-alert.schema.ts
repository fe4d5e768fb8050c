import { z } from 'zod';
import { claimant, disputeCategory, fen, isoDate, text, workersInvolved } from '../shared/request-fields';

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
  })
  .default({});

export type ConvertAlertRequest = z.output<typeof convertAlertSchema>;
