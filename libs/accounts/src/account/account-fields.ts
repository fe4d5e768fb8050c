import { z } from 'zod';
import type { Role } from '@lc/access';
import { isSubDistrict } from '@lc/reference-data';

/** The shortest password accepted (passwordWeakness says the rest). */
export const MIN_PASSWORD_LENGTH = 10;
/** The longest: argon2 hashes anything, but a megabyte of password is an attack, not a secret. */
export const MAX_PASSWORD_LENGTH = 256;

/** The fields of an account as requests give them: one definition for the routes, the commands and the decider. */
export const accountFields = {
  username: z.string().trim().regex(/^[a-zA-Z0-9._-]{3,32}$/, 'must be 3-32 letters, digits, dots, dashes or underscores'),
  subDistrict: z.string().refine((code) => isSubDistrict(code), 'is not a sub-district code of this district'),
  // The same bounds as passwordWeakness, so that the OpenAPI document states the server's limits.
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters long`)
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters long`),
  displayName: z.string().trim().min(1).max(60),
};

/**
 * The roles POST and PATCH /users give. Informants are not among them: the informant registry
 * (POST /api/v1/informants) makes an informant's account together with their entry (the
 * enterprises they cover), which a bare account would lack. Refused here, the OpenAPI document
 * lists the same roles the server takes, and the message says where informants are made.
 */
export const STAFF_ROLES = ['admin', 'supervisor', 'mediator'] as const satisfies readonly Role[];
export const INFORMANTS_ARE_REGISTERED = 'informants are registered in the informant registry: POST /api/v1/informants (name, phone, enterprises) creates their account';
export const staffRoleSchema = z
  .enum(STAFF_ROLES, { error: (issue) => (issue.input === 'informant' ? INFORMANTS_ARE_REGISTERED : undefined) })
  .meta({ description: 'admin, supervisor or mediator; informants’ accounts are made by the informant registry, POST /api/v1/informants' });
