import { z } from 'zod';
import { isoDate, text } from '../shared/request-fields';

/** POST /api/v1/mediations/{id}/withdrawal. */
export const withdrawMediationSchema = z.strictObject({
  /** Default: today (Shanghai). */
  withdrawnOn: isoDate.optional(),
  reason: text(2000).optional(),
});

export type WithdrawMediationRequest = z.output<typeof withdrawMediationSchema>;
