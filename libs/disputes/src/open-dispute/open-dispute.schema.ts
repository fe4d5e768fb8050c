import { z } from 'zod';
import {
  assignToMe,
  claimant,
  confirmDuplicate,
  disputeCategory,
  disputeChannel,
  employer,
  fen,
  isoDate,
  subDistrict,
  text,
  workersInvolved,
} from '../shared/request-fields';

/** POST /api/v1/disputes. The handler adds disputeId, caseNo, now and actor to make OpenDispute. */
export const openDisputeSchema = z.strictObject({
  channel: disputeChannel,
  subDistrict,
  employer,
  category: disputeCategory,
  workersInvolved,
  amountClaimedFen: fen(0),
  summary: text(4000),
  /** The day the union received the dispute; default today (Shanghai); never in the future (decider). */
  openedOn: isoDate.optional(),
  claimants: z.array(claimant).min(1, 'must name at least one claimant').max(1000, 'must list at most 1000 claimants'),
  /** When the worker learnt of the infringement: starts the 1-year arbitration limitation. */
  infringementKnownOn: isoDate.optional(),
  /**
   * The employer has an open case with a claimant in common (same ID number or phone): without
   * this, the opening answers 409 naming that case; with it, the case opens and records the
   * overlap as confirmed (a second, separate matter of the same workers).
   */
  confirmDuplicate,
  /**
   * A mediator opening a case is assigned to it unless this is false (a case opened for a
   * colleague, or for the supervisor to assign). Only a mediator can be assigned this way.
   */
  assignToMe,
});

export type OpenDisputeRequest = z.output<typeof openDisputeSchema>;

/**
 * The case's own fields of an opening, whichever way it comes (a request, an imported row, a
 * complaint or an alert converted): OpenDispute is these, plus what the handler adds.
 */
export const disputeOpeningSchema = openDisputeSchema.omit({ confirmDuplicate: true, assignToMe: true });

export type DisputeOpeningFields = z.output<typeof disputeOpeningSchema>;
