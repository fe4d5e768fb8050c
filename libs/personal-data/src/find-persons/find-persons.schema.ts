import { z } from 'zod';

/** GET /api/v1/persons: by resident ID number or phone (either, or both: a person matching either is listed). */
export const findPersonsSchema = z
  .object({
    idNumber: z.string().trim().min(1).max(64).optional(),
    phone: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((q) => q.idNumber !== undefined || q.phone !== undefined, { message: 'give idNumber or phone', path: ['idNumber'] });
export type FindPersonsRequest = z.infer<typeof findPersonsSchema>;
