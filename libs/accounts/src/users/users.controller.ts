import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, pageQueryFields, ProblemResponses, RequestMeta, sortQueryField, writtenSchema, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta, ROLES } from '@lc/access';
import { isSubDistrict } from '@lc/reference-data';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { CreateAccountCommand } from '../create-account/create-account.command';
import { GetAccountQuery } from '../get-account/get-account.query';
import { ACCOUNT_SORT_COLUMNS, ListAccountsQuery } from '../list-accounts/list-accounts.query';
import { GetLoginLocksQuery } from '../get-login-locks/get-login-locks.query';
import { ReleaseLoginLocksCommand } from '../release-login-locks/release-login-locks.command';
import { UpdateAccountCommand } from '../update-account/update-account.command';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { accountPageSchema, accountSchema, loginLocksSchema } from './accounts.responses';


const username = z.string().trim().regex(/^[a-zA-Z0-9._-]{3,32}$/, 'must be 3-32 letters, digits, dots, dashes or underscores');
const subDistrict = z.string().refine((code) => isSubDistrict(code), 'is not a sub-district code of this district');
// The same bounds as passwordWeakness, so that the OpenAPI document states the server's limits.
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters long`)
  .max(256, 'must be at most 256 characters long');
const displayName = z.string().trim().min(1).max(60);

const createUser = z
  .object({ username, password, role: z.enum(ROLES), subDistrict: subDistrict.optional(), displayName: displayName.optional() })
  .strict()
  // One way to make an informant: the registry creates the account together with its entry
  // (the enterprises they cover), which a bare account would lack.
  .refine((body) => body.role !== 'informant', {
    path: ['role'],
    message: 'informants are registered in the informant registry: POST /api/v1/informants (name, phone, enterprises) creates their account',
  });
const updateUser = z
  .object({
    role: z.enum(ROLES).optional(),
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
const listUsers = z.strictObject({
  role: z.enum(ROLES).optional(),
  subDistrict: subDistrict.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().min(1).max(60).optional(),
  sort: sortQueryField(ACCOUNT_SORT_COLUMNS, 'username'),
  ...pageQueryFields,
});
const accountId = z.uuid();

@ApiTags('users')
@ApiBearerAuth()
@Allow('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Describe('Creates an account', 'Admins, supervisors and mediators (informants are registered at POST /api/v1/informants). The password has at least 10 characters and is not a common one.', { command: 'create' })
  @ZodResponse(201, writtenSchema, 'Created', { etag: true, location: true })
  @ProblemResponses(400, 401, 403, 409, 415, 422)
  async create(
    @ZodBody(createUser) body: z.output<typeof createUser>,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.commands.execute(new CreateAccountCommand(body, meta));
  }

  @Get()
  @ReadsModels('accounts')
  @Describe('Lists accounts', 'Filter by role, sub-district, active and text; sort with `sort`.')
  @ZodResponse(200, accountPageSchema, 'One page of accounts', { fresh: true })
  @ProblemResponses(400, 401, 403)
  list(@ZodQuery(listUsers) query: z.output<typeof listUsers>) {
    return this.queries.execute(new ListAccountsQuery(query));
  }

  /** Read from the account's own stream: right after a change, before the list catches up. */
  @Get(':id')
  @ReadsModels(FROM_EVENT_STREAM)
  @Describe('One account', 'Read from the account’s own events: current right after a change. The ETag is its version.')
  @ZodResponse(200, accountSchema, 'The account', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  get(@ZodParam('id', accountId) id: string) {
    return this.queries.execute(new GetAccountQuery(id));
  }

  @Patch(':id')
  @HttpCode(200)
  @Describe('Changes an account', 'Role, scope, display name, password (at least 10 characters) or active; If-Match: its version.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Changed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  update(
    @ZodParam('id', accountId) id: string,
    @ZodBody(updateUser) body: z.output<typeof updateUser>,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new UpdateAccountCommand(id, body, meta));
  }

  /** Which addresses are locked out of the account, and whether logins from new addresses are slowed down. */
  @Get(':id/login-locks')
  @Describe('The account’s login locks', 'Which addresses are locked out of the account, and whether logins from new addresses are slowed down.')
  @ZodResponse(200, loginLocksSchema, 'The locks')
  @ProblemResponses(400, 401, 403, 404)
  loginLocks(@ZodParam('id', accountId) id: string) {
    return this.queries.execute(new GetLoginLocksQuery(id));
  }

  /**
   * Lets the account log in again from every address: its per-address locks and its slowdown end
   * at once (they would otherwise run out by themselves). Recorded, with the admin, for the audit.
   */
  @Delete(':id/login-locks')
  @HttpCode(204)
  @Describe('Releases the account’s login locks', 'Every address may log in again at once; recorded with the admin for the audit.')
  @ApiResponse({ status: 204, description: 'Released' })
  @ProblemResponses(400, 401, 403, 404)
  async releaseLoginLocks(@ZodParam('id', accountId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    await this.commands.execute(new ReleaseLoginLocksCommand(id, actor));
  }
}
