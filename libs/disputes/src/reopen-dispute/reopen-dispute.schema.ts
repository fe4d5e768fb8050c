import { z } from 'zod';
import { isoDate, text } from '../shared/request-fields';

/** POST /api/v1/disputes/{id}/reopen. */
export const reopenDisputeSchema = z.strictObject({
  reason: text(2000),
  /**
   * The day the case was taken up again (China Standard Time): default today; may be back-dated
   * (recorded a few days late), never in the future nor before the resolution it undoes.
   */
  reopenedOn: isoDate.optional(),
});

export type ReopenDisputeRequest = z.output<typeof reopenDisputeSchema>;
