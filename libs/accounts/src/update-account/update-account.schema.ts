import { z } from 'zod';
import { accountFields, staffRoleSchema } from '../account/account-fields';

const { password, subDistrict, displayName } = accountFields;

/** PATCH /api/v1/users/{id}. */
export const updateAccountSchema = z
  .object({
    role: staffRoleSchema.optional(),
    /** null: district-wide (supervisors). */
    subDistrict: subDistrict.nullable().optional(),
    displayName: displayName.optional(),
    password: password.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names nothing to change');

export type AccountChanges = z.output<typeof updateAccountSchema>;
