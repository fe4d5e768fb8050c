import { z } from 'zod';

export const MAX_REASON_LENGTH = 500;

/** POST /api/v1/persons/{id}/erasure: why (the data subject's request and its reference). */
export const erasePersonSchema = z
  .object({
    reason: z.string().trim().min(1, 'must say why (the request and its reference)').max(MAX_REASON_LENGTH),
  })
  .strict();
export type ErasePersonRequest = z.infer<typeof erasePersonSchema>;
