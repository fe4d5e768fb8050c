import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@lc/accounts';
import { boundedText, creditCodeSchema, phoneSchema, subDistrictSchema } from '@lc/reference-data';
import { MAX_ENTERPRISES_PER_INFORMANT } from '../informant/informant.decider';

/** Credit codes of the enterprises an informant covers; a code given twice counts once. */
export const enterpriseCodes = z
  .array(creditCodeSchema)
  .min(1, 'must name at least one enterprise by its credit code')
  .max(MAX_ENTERPRISES_PER_INFORMANT, `must list at most ${MAX_ENTERPRISES_PER_INFORMANT} enterprises`)
  .transform((codes) => [...new Set(codes)]);

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
  name: boundedText(50),
  phone: phoneSchema,
  subDistrict: subDistrictSchema,
  enterprises: enterpriseCodes,
});

export type RegisterInformantRequest = z.output<typeof registerInformantSchema>;

/** PUT /api/v1/informants/{id}/enterprises: the whole new list. */
export const changeInformantEnterprisesSchema = z.strictObject({ enterprises: enterpriseCodes });
export type ChangeInformantEnterprisesRequest = z.output<typeof changeInformantEnterprisesSchema>;

/** POST /api/v1/informants/{id}/deactivation. */
export const deactivateInformantSchema = z.strictObject({ reason: boundedText(2000).optional() }).default({});
export type DeactivateInformantRequest = z.output<typeof deactivateInformantSchema>;
