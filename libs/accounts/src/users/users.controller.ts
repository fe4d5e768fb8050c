import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, pageQueryFields, ProblemResponses, RequestMeta, sortQueryField, writtenSchema, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta, ROLES } from '@lc/access';
import { accountFields } from '../account/account-fields';
import { CreateAccountCommand } from '../create-account/create-account.command';
import { CreateAccountRequest, createAccountSchema } from '../create-account/create-account.schema';
import { GetAccountQuery } from '../get-account/get-account.query';
import { ACCOUNT_SORT_COLUMNS, ListAccountsQuery } from '../list-accounts/list-accounts.query';
import { GetLoginLocksQuery } from '../get-login-locks/get-login-locks.query';
import { ReleaseLoginLocksCommand } from '../release-login-locks/release-login-locks.command';
import { UpdateAccountCommand } from '../update-account/update-account.command';
import { AccountChanges, updateAccountSchema } from '../update-account/update-account.schema';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { accountPageSchema, accountSchema, loginLocksSchema } from './accounts.responses';

const listUsers = z.strictObject({
  role: z.enum(ROLES).optional(),
  subDistrict: accountFields.subDistrict.optional(),
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
    @ZodBody(createAccountSchema) body: CreateAccountRequest,
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
  @Describe('Changes an account', "Role, scope, display name (not for an informant's account: their name is kept in the informant registry, 422), password (at least 10 characters) or active; If-Match: its version.", { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Changed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  update(
    @ZodParam('id', accountId) id: string,
    @ZodBody(updateAccountSchema) body: AccountChanges,
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
