import { z } from 'zod';
import { isoDate, text } from '../shared/request-fields';

/** POST /api/v1/mediations/{id}/failure: no agreement; the case returns to the court for filing. */
export const failMediationSchema = z.strictObject({
  reason: text(2000),
  failedOn: isoDate,
});

export type FailMediationRequest = z.output<typeof failMediationSchema>;
