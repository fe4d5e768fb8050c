import { z } from 'zod';
import { isoDate, text } from '../shared/request-fields';

/** POST /api/v1/complaints/{id}/handling: answered and closed. */
export const handleComplaintSchema = z.strictObject({
  note: text(4000),
  handledOn: isoDate,
});

export type HandleComplaintRequest = z.output<typeof handleComplaintSchema>;
