import { Controller, Get, Headers, HttpCode, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Allow, AuthenticatedActor, CurrentActor, ifMatchVersion, ZodBody, ZodParam, ZodQuery, withETag } from '@lc/http';
import { ChangeInformantEnterprisesCommand } from '../change-informant-enterprises/change-informant-enterprises.command';
import { DeactivateInformantCommand } from '../deactivate-informant/deactivate-informant.command';
import { GetMyInformantProfileQuery } from '../get-my-informant-profile/get-my-informant-profile.query';
import { GetInformantQuery } from '../get-informant/get-informant.query';
import { ListInformantsQuery } from '../list-informants/list-informants.query';
import { ListInformantsRequest, listInformantsSchema, RENAMED_INFORMANT_PARAMETERS } from '../list-informants/list-informants.schema';
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
  async register(
    @ZodBody(registerInformantSchema) body: RegisterInformantRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(res, await this.commands.execute(new RegisterInformantCommand(body, actor, idempotencyKey)));
  }

  @Get()

  @ReadsModels('informants')
  list(@ZodQuery(listInformantsSchema, { renamed: RENAMED_INFORMANT_PARAMETERS }) query: ListInformantsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListInformantsQuery(query, actor));
  }

  /** The caller's own registry entry (informants only): their enterprises, for the phone page. Before :id. */
  @Get('me')
  @Allow('informant')
  me(@CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetMyInformantProfileQuery(actor));
  }

  @Get(':id')

  @ReadsModels(FROM_EVENT_STREAM)
  async get(@ZodParam('id', informantId) id: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.queries.execute(new GetInformantQuery(id, actor)));
  }

  /** The whole list of enterprises covered, replacing the one before. */
  @Put(':id/enterprises')
  async changeEnterprises(
    @ZodParam('id', informantId) id: string,
    @ZodBody(changeInformantEnterprisesSchema) body: ChangeInformantEnterprisesRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(
      res,
      await this.commands.execute(new ChangeInformantEnterprisesCommand(id, body, actor, ifMatchVersion(ifMatch), idempotencyKey)),
    );
  }

  /** Also deactivates the informant's account: they can no longer log in. */
  @Post(':id/deactivation')
  @HttpCode(200)
  async deactivate(
    @ZodParam('id', informantId) id: string,
    @ZodBody(deactivateInformantSchema) body: DeactivateInformantRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(res, await this.commands.execute(new DeactivateInformantCommand(id, body, actor, ifMatchVersion(ifMatch), idempotencyKey)));
  }
}
