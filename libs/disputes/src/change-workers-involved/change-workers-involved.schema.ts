import { z } from 'zod';
import { text, workersInvolved } from '../shared/request-fields';

/**
 * For an endpoint such as POST /api/v1/disputes/{id}/workers-involved (not in issue 4's list, but
 * the count rising to 30 is what flags a group dispute after opening).
 */
export const changeWorkersInvolvedSchema = z.strictObject({
  workersInvolved,
  reason: text(2000).optional(),
});

export type ChangeWorkersInvolvedRequest = z.output<typeof changeWorkersInvolvedSchema>;
