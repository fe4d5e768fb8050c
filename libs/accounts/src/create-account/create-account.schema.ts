import { z } from 'zod';
import { ROLES } from '@lc/access';
import { accountFields } from '../account/account-fields';

const { username, password, subDistrict, displayName } = accountFields;

/** POST /api/v1/users. */
export const createAccountSchema = z
  .object({ username, password, role: z.enum(ROLES), subDistrict: subDistrict.optional(), displayName: displayName.optional() })
  .strict()
  // One way to make an informant: the registry creates the account together with its entry
  // (the enterprises they cover), which a bare account would lack.
  .refine((body) => body.role !== 'informant', {
    path: ['role'],
    message: 'informants are registered in the informant registry: POST /api/v1/informants (name, phone, enterprises) creates their account',
  });

/** What an account is made of: the route's body, or the informant registry's (which makes informants' accounts). */
export type CreateAccountRequest = z.output<typeof createAccountSchema>;
