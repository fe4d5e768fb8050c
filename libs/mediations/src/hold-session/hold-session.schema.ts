import { z } from 'zod';
import { MEDIATION_SESSION_FORMS, codeSchema } from '@lc/reference-data';
import { isoDate, text } from '../shared/request-fields';

/** POST /api/v1/mediations/{id}/sessions. */
export const holdSessionSchema = z.strictObject({
  /** On or after the referral, not in the future (decider). */
  heldOn: isoDate,
  form: codeSchema(MEDIATION_SESSION_FORMS),
  note: text(4000),
});

export type HoldSessionRequest = z.output<typeof holdSessionSchema>;
