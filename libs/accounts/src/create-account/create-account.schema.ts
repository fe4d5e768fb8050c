import { z } from 'zod';
import type { Role } from '@lc/access';
import { accountFields, staffRoleSchema } from '../account/account-fields';

const { username, password, subDistrict, displayName } = accountFields;

/** POST /api/v1/users: admins, supervisors and mediators (informants: the registry, see staffRoleSchema). */
export const createAccountSchema = z
  .object({ username, password, role: staffRoleSchema, subDistrict: subDistrict.optional(), displayName: displayName.optional() })
  .strict();

/** What an account is made of: the route's body, or the informant registry's (which makes informants' accounts). */
export type CreateAccountRequest = Omit<z.output<typeof createAccountSchema>, 'role'> & { role: Role };
