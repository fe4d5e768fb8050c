import { z } from 'zod';
import { boundedText, creditCodeSchema, phoneSchema, subDistrictSchema } from '@lc/reference-data';

/*
 * The informant registry's own fields, which the informant decider's commands are made of. Apart
 * from the registration request (register-informant.schema.ts), whose account fields need
 * libs/accounts: the decider takes its types from here and loads nothing of accounts.
 */

/** Far above what one person can watch; low enough to catch a pasted list gone wrong. */
export const MAX_ENTERPRISES_PER_INFORMANT = 500;

/** Credit codes of the enterprises an informant covers; a code given twice counts once. */
export const enterpriseCodes = z
  .array(creditCodeSchema)
  .min(1, 'must name at least one enterprise by its credit code')
  .max(MAX_ENTERPRISES_PER_INFORMANT, `must list at most ${MAX_ENTERPRISES_PER_INFORMANT} enterprises`)
  .transform((codes) => [...new Set(codes)]);

/** Who the informant is, how to reach them, and what they cover: the registration's registry entry. */
export const informantEntrySchema = z.strictObject({
  name: boundedText(50),
  phone: phoneSchema,
  subDistrict: subDistrictSchema,
  enterprises: enterpriseCodes,
});
export type InformantEntry = z.output<typeof informantEntrySchema>;

/** PUT /api/v1/informants/{id}/enterprises: the whole new list. */
export const changeInformantEnterprisesSchema = z.strictObject({ enterprises: enterpriseCodes });
export type ChangeInformantEnterprisesRequest = z.output<typeof changeInformantEnterprisesSchema>;

/** POST /api/v1/informants/{id}/deactivation. */
export const deactivateInformantSchema = z.strictObject({ reason: boundedText(2000).optional() }).default({});
export type DeactivateInformantRequest = z.output<typeof deactivateInformantSchema>;
