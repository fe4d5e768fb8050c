import { z } from 'zod';
import { fen, isoDate, optionalNote } from '../shared/request-fields';

/** POST /api/v1/disputes/{id}/recoveries: money won for workers. */
export const recordRecoverySchema = z.strictObject({
  amountFen: fen(1),
  recoveredOn: isoDate,
  note: optionalNote,
});

export type RecordRecoveryRequest = z.output<typeof recordRecoverySchema>;
