import { z } from 'zod';
import { text } from '../shared/request-fields';

/** POST /api/v1/disputes/{id}/reopen. The reopening is dated today (Shanghai) by the decider. */
export const reopenDisputeSchema = z.strictObject({
  reason: text(2000),
});

export type ReopenDisputeRequest = z.output<typeof reopenDisputeSchema>;
