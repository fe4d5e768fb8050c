import { z } from 'zod';
import { fen, isoDate, text } from '../shared/request-fields';

/** POST /api/v1/mediations/{id}/agreement: the amount won for workers, counted on agreedOn. */
export const reachAgreementSchema = z.strictObject({
  amountFen: fen(1),
  agreedOn: isoDate,
  paymentTerms: text(2000),
});

export type ReachAgreementRequest = z.output<typeof reachAgreementSchema>;
