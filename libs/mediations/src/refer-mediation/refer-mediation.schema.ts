import { z } from 'zod';
import { MAX_WORKERS } from '../mediation/limits';
import { assignToMe, category, employer, fen, isoDate, subDistrict, text, worker } from '../shared/request-fields';

/** POST /api/v1/mediations: a court's referral. The handler adds mediationId, now and actor to make ReferMediation. */
export const referMediationSchema = z.strictObject({
  /** The referring court (深圳市龙岗区人民法院). */
  court: text(200),
  /** The court's reference number of the case. */
  courtCaseNo: text(100),
  /** The day of the referral: the 30-day mediation period starts here; never in the future (decider). */
  referredOn: isoDate,
  subDistrict,
  category,
  employer,
  workers: z.array(worker).min(1, 'must name at least one worker').max(MAX_WORKERS, `must list at most ${MAX_WORKERS} workers`),
  /** What the workers claim; 0 when the case is not about a sum. */
  claimAmountFen: fen(0),
  /** A mediator recording a referral is assigned to it unless this is false. Only a mediator can be assigned this way. */
  assignToMe,
});

export type ReferMediationRequest = z.output<typeof referMediationSchema>;
