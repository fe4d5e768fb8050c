import { z } from 'zod';
import { MAX_EXTENSION_DAYS } from '../mediation/limits';
import { isoDate, text } from '../shared/request-fields';

/** POST /api/v1/mediations/{id}/extension: both parties agreed to extend the period, once. */
export const extendMediationSchema = z.strictObject({
  extraDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(MAX_EXTENSION_DAYS, `must be at most ${MAX_EXTENSION_DAYS}`),
  /** The day both parties agreed: within the period (decider). */
  agreedOn: isoDate,
  note: text(2000).optional(),
});

export type ExtendMediationRequest = z.output<typeof extendMediationSchema>;
