import { z } from 'zod';
import { DISPUTE_OUTCOMES, codeSchema } from '@lc/reference-data';
import { isoDate, optionalNote } from '../shared/request-fields';

/** POST /api/v1/disputes/{id}/resolution. */
export const resolveDisputeSchema = z.strictObject({
  outcome: codeSchema(DISPUTE_OUTCOMES),
  resolvedOn: isoDate,
  note: optionalNote,
});

export type ResolveDisputeRequest = z.output<typeof resolveDisputeSchema>;
