import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@lc/accounts/domain';
import { informantEntrySchema } from './informant-entry.schema';

export * from './informant-entry.schema';

/**
 * POST /api/v1/informants: the informant's account (username and first password, as for any
 * user) and their registry entry. Their name becomes the account's display name.
 */
export const registerInformantSchema = z.strictObject({
  username: z.string().trim().regex(/^[a-zA-Z0-9._-]{3,32}$/, 'must be 3-32 letters, digits, dots, dashes or underscores'),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters long`)
    .max(256, 'must be at most 256 characters long'),
  ...informantEntrySchema.shape,
});

export type RegisterInformantRequest = z.output<typeof registerInformantSchema>;
