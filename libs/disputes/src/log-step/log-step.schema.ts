import { z } from 'zod';
import { DISPUTE_STEP_KINDS, codeSchema } from '@lc/reference-data';
import { isoInstant, text } from '../shared/request-fields';

/** POST /api/v1/disputes/{id}/steps. */
export const logStepSchema = z.strictObject({
  kind: codeSchema(DISPUTE_STEP_KINDS),
  note: text(4000),
  /** When the step happened; on or after the day the case was opened, not in the future (decider). */
  occurredAt: isoInstant,
});

export type LogStepRequest = z.output<typeof logStepSchema>;
