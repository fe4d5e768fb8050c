import { Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Allow, AuthenticatedActor, CurrentActor, ifMatchVersion, ZodBody, ZodParam, ZodQuery, withETag } from '@lc/http';
import { AssignMediatorCommand } from '../assign-mediator/assign-mediator.command';
import { AssignMediatorRequest, assignMediatorSchema } from '../assign-mediator/assign-mediator.schema';
import { ChangeWorkersInvolvedCommand } from '../change-workers-involved/change-workers-involved.command';
import { ChangeWorkersInvolvedRequest, changeWorkersInvolvedSchema } from '../change-workers-involved/change-workers-involved.schema';
import { GetDisputeQuery } from '../get-dispute/get-dispute.query';
import { GetDisputeTimelineQuery } from '../get-dispute-timeline/get-dispute-timeline.query';
import { ListDisputesQuery } from '../list-disputes/list-disputes.query';
import { ListDisputesRequest, listDisputesSchema } from '../list-disputes/list-disputes.schema';
import { LogStepCommand } from '../log-step/log-step.command';
import { LogStepRequest, logStepSchema } from '../log-step/log-step.schema';
import { OpenDisputeCommand } from '../open-dispute/open-dispute.command';
import { OpenDisputeRequest, openDisputeSchema } from '../open-dispute/open-dispute.schema';
import { RecordRecoveryCommand } from '../record-recovery/record-recovery.command';
import { RecordRecoveryRequest, recordRecoverySchema } from '../record-recovery/record-recovery.schema';
import { ReopenDisputeCommand } from '../reopen-dispute/reopen-dispute.command';
import { ReopenDisputeRequest, reopenDisputeSchema } from '../reopen-dispute/reopen-dispute.schema';
import { ResolveDisputeCommand } from '../resolve-dispute/resolve-dispute.command';
import { ResolveDisputeRequest, resolveDisputeSchema } from '../resolve-dispute/resolve-dispute.schema';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';

const disputeId = z.uuid('must be the id (uuid) of a dispute case');

/*
 * Who may do what: mediators open and work cases (steps, recoveries, resolution); supervisors read,
 * assign mediators, resolve and reopen; admins everything; informants nothing. Within a role,
 * each case is only seen by those in its scope (others get 404, as if it did not exist).
 */
@ApiTags('disputes')
@ApiBearerAuth()
@Controller('disputes')
export class DisputesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Allow('admin', 'supervisor', 'mediator')
  async open(
    @ZodBody(openDisputeSchema) body: OpenDisputeRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(res, await this.commands.execute(new OpenDisputeCommand(body, actor, idempotencyKey)));
  }

  @Get()

  @ReadsModels('dispute-cases')
  @Allow('admin', 'supervisor', 'mediator')
  list(@ZodQuery(listDisputesSchema) query: ListDisputesRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListDisputesQuery(query, actor));
  }

  /** From the case's own stream: current even before the list catches up. */
  @Get(':id')
  @ReadsModels(FROM_EVENT_STREAM)
  @Allow('admin', 'supervisor', 'mediator')
  async get(@ZodParam('id', disputeId) id: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.queries.execute(new GetDisputeQuery(id, actor)));
  }

  @Get(':id/timeline')

  @ReadsModels(FROM_EVENT_STREAM)
  @Allow('admin', 'supervisor', 'mediator')
  async timeline(@ZodParam('id', disputeId) id: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.queries.execute(new GetDisputeTimelineQuery(id, actor)));
  }

  @Post(':id/assignments')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  async assign(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(assignMediatorSchema) body: AssignMediatorRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(res, await this.commands.execute(new AssignMediatorCommand(id, body, actor, ifMatchVersion(ifMatch), idempotencyKey)));
  }

  @Post(':id/steps')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  async logStep(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(logStepSchema) body: LogStepRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(res, await this.commands.execute(new LogStepCommand(id, body, actor, ifMatchVersion(ifMatch), idempotencyKey)));
  }

  @Post(':id/recoveries')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  async recordRecovery(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(recordRecoverySchema) body: RecordRecoveryRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(res, await this.commands.execute(new RecordRecoveryCommand(id, body, actor, ifMatchVersion(ifMatch), idempotencyKey)));
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  async resolve(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(resolveDisputeSchema) body: ResolveDisputeRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(res, await this.commands.execute(new ResolveDisputeCommand(id, body, actor, ifMatchVersion(ifMatch), idempotencyKey)));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Allow('admin', 'supervisor')
  async reopen(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(reopenDisputeSchema) body: ReopenDisputeRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(res, await this.commands.execute(new ReopenDisputeCommand(id, body, actor, ifMatchVersion(ifMatch), idempotencyKey)));
  }

  /** The count of workers involved changed; reaching 30 makes it a group dispute. */
  @Post(':id/workers-involved')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  async changeWorkersInvolved(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(changeWorkersInvolvedSchema) body: ChangeWorkersInvolvedRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return withETag(
      res,
      await this.commands.execute(new ChangeWorkersInvolvedCommand(id, body, actor, ifMatchVersion(ifMatch), idempotencyKey)),
    );
  }
}
