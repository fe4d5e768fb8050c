import { z } from 'zod';
import { instantSchema, pageSchemaOf } from '@lc/http';

/* The response shapes of /auth and /users, for the OpenAPI document (TokenPair, AuthenticatedActor, the account views). */

const role = z.enum(['admin', 'supervisor', 'mediator', 'informant']);

export const tokenPairSchema = z
  .object({
    accessToken: z.string().meta({ description: 'send as `Authorization: Bearer <accessToken>`' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'seconds the access token is valid' }),
    refreshToken: z.string().meta({ description: 'one use: POST /auth/refresh answers a new pair' }),
    refreshExpiresAt: instantSchema,
  })
  .meta({ title: 'TokenPair' });

export const currentActorSchema = z
  .object({ id: z.uuid(), username: z.string(), role, subDistrict: z.string().nullable().meta({ description: 'null: the whole district' }) })
  .meta({ title: 'CurrentActor' });

export const accountSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    role,
    subDistrict: z.string().nullable(),
    displayName: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ title: 'Account' });

export const accountListItemSchema = accountSchema.extend({ createdAt: instantSchema, updatedAt: instantSchema }).meta({ title: 'AccountListItem' });
export const accountPageSchema = pageSchemaOf(accountListItemSchema, 'AccountPage');

export const loginLocksSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    addresses: z
      .array(z.object({ address: z.string(), failures: z.number().int(), locked: z.boolean(), retryAfterSeconds: z.number().int() }))
      .meta({ description: 'addresses with failures counted against this username, and whether each is locked out' }),
    failures: z.number().int().meta({ description: 'failures from all addresses in the window' }),
    slowedDownForSeconds: z.number().int().meta({ description: 'seconds until an address the account never used may try again (0: not slowed down)' }),
  })
  .meta({ title: 'LoginLocks' });
