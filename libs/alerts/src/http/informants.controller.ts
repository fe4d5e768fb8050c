import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, ProblemResponses, RequestMeta, writtenSchema, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { ChangeInformantEnterprisesCommand } from '../change-informant-enterprises/change-informant-enterprises.command';
import { DeactivateInformantCommand } from '../deactivate-informant/deactivate-informant.command';
import { GetMyInformantProfileQuery } from '../get-my-informant-profile/get-my-informant-profile.query';
import { GetInformantQuery } from '../get-informant/get-informant.query';
import { ListInformantsQuery } from '../list-informants/list-informants.query';
import { ListInformantsRequest, listInformantsSchema } from '../list-informants/list-informants.schema';
import { RegisterInformantCommand } from '../register-informant/register-informant.command';
import {
  ChangeInformantEnterprisesRequest,
  DeactivateInformantRequest,
  RegisterInformantRequest,
  changeInformantEnterprisesSchema,
  deactivateInformantSchema,
  registerInformantSchema,
} from '../register-informant/register-informant.schema';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { informantDetailSchema, informantPageSchema, myInformantProfileSchema } from './alerts.responses';

const informantId = z.uuid('must be the id (uuid) of an informant account');

/** The informant registry: admins, and supervisors for the informants of their scope. */
@ApiTags('informants')
@ApiBearerAuth()
@Allow('admin', 'supervisor')
@Controller('informants')
export class InformantsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** → 201 {id (the informant's account id), version}: the account (role informant) and the registry entry. */
  @Post()
  @Describe('Registers an informant', 'Creates (or links) their account, role informant, with the enterprises they cover. Answers the account’s id.', { command: 'create' })
  @ZodResponse(201, writtenSchema, 'Registered', { etag: true, location: true })
  @ProblemResponses(400, 401, 403, 409, 415, 422)
  register(
    @ZodBody(registerInformantSchema) body: RegisterInformantRequest,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.commands.execute(new RegisterInformantCommand(body, meta));
  }

  @Get()
  @ReadsModels('informants')
  @Describe('Lists informants in the caller’s scope', 'Filter by sub-district, active, enterprise and text; sort with `sort`. Phones are masked.')
  @ZodResponse(200, informantPageSchema, 'One page of informants', { fresh: true })
  @ProblemResponses(400, 401, 403)
  list(@ZodQuery(listInformantsSchema) query: ListInformantsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListInformantsQuery(query, actor));
  }

  /** The caller's own registry entry (informants only): their enterprises, for the phone page. Before :id. */
  @Get('me')
  // The entry is folded from its own stream (current); the enterprises' names come from the alerts read model.
  @ReadsModels('alerts')
  @Allow('informant')
  @Describe('The caller’s own registry entry', 'Informants only: their enterprises with the names last reported, for the phone page.')
  @ZodResponse(200, myInformantProfileSchema, 'The caller’s entry', { fresh: true })
  @ProblemResponses(401, 403, 404)
  me(@CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetMyInformantProfileQuery(actor));
  }

  @Get(':id')
  @ReadsModels(FROM_EVENT_STREAM)
  @Describe('One informant', 'Folded from the entry’s own events, with name and phone in full.')
  @ZodResponse(200, informantDetailSchema, 'The informant', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  get(@ZodParam('id', informantId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetInformantQuery(id, actor));
  }

  /** The whole list of enterprises covered, replacing the one before. */
  @Put(':id/enterprises')
  @Describe('Replaces the enterprises the informant covers', 'The whole list, by credit code.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Changed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  changeEnterprises(
    @ZodParam('id', informantId) id: string,
    @ZodBody(changeInformantEnterprisesSchema) body: ChangeInformantEnterprisesRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new ChangeInformantEnterprisesCommand(id, body, meta));
  }

  /** Also deactivates the informant's account: they can no longer log in. */
  @Post(':id/deactivation')
  @HttpCode(200)
  @Describe('Deactivates the informant', 'With a reason; their account can no longer log in.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Deactivated', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  deactivate(
    @ZodParam('id', informantId) id: string,
    @ZodBody(deactivateInformantSchema) body: DeactivateInformantRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new DeactivateInformantCommand(id, body, meta));
  }
}
