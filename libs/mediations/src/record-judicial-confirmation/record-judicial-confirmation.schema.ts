import { z } from 'zod';
import { codeSchema } from '@lc/reference-data';
import { JUDICIAL_CONFIRMATION_STEPS } from '../mediation/limits';
import { isoDate } from '../shared/request-fields';

/**
 * POST /api/v1/mediations/{id}/judicial-confirmation: applied for (within 30 days of the
 * agreement), then granted or refused by the court.
 */
export const recordJudicialConfirmationSchema = z.strictObject({
  status: codeSchema(JUDICIAL_CONFIRMATION_STEPS),
  on: isoDate,
});

export type RecordJudicialConfirmationRequest = z.output<typeof recordJudicialConfirmationSchema>;
