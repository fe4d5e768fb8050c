import { z } from 'zod';
import { ROLES } from '@lc/access';
import { accountFields } from '../account/account-fields';

const { password, subDistrict, displayName } = accountFields;

/** PATCH /api/v1/users/{id}. */
export const updateAccountSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    /** null: district-wide (supervisors). */
    subDistrict: subDistrict.nullable().optional(),
    displayName: displayName.optional(),
    password: password.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names nothing to change')
  .refine((body) => body.role !== 'informant', {
    path: ['role'],
    message: 'informants are registered in the informant registry: POST /api/v1/informants creates their account',
  });

export type AccountChanges = z.output<typeof updateAccountSchema>;
