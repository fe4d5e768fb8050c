import { z } from 'zod';
import { pageQueryFields } from '@lc/http';
import { creditCodeSchema, subDistrictSchema } from '@lc/reference-data';

const trueOrFalse = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

/** GET /api/v1/informants: every filter optional, combined with AND, within the caller's scope. */
export const listInformantsSchema = z.strictObject({
  subDistrict: subDistrictSchema.optional(),
  active: trueOrFalse.optional(),
  /** Those who cover this enterprise. */
  enterprise: creditCodeSchema.optional(),
  /** Whether they have reported online at least once (the coverage figure). */
  reported: trueOrFalse.optional(),
  /** Words of the name, or digits of the phone. */
  q: z.string().trim().min(1).max(60).optional(),
  ...pageQueryFields,
});

export type ListInformantsRequest = z.output<typeof listInformantsSchema>;
