import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, ProblemResponses, ProblemResponsesWithDuplicate, RequestMeta, writtenSchema, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { AssignMediationMediatorCommand } from '../assign-mediator/assign-mediator.command';
import { AssignMediationMediatorRequest, assignMediationMediatorSchema } from '../assign-mediator/assign-mediator.schema';
import { ExtendMediationCommand } from '../extend-mediation/extend-mediation.command';
import { ExtendMediationRequest, extendMediationSchema } from '../extend-mediation/extend-mediation.schema';
import { FailMediationCommand } from '../fail-mediation/fail-mediation.command';
import { FailMediationRequest, failMediationSchema } from '../fail-mediation/fail-mediation.schema';
import { GetMediationQuery } from '../get-mediation/get-mediation.query';
import { GetMediationTimelineQuery } from '../get-mediation-timeline/get-mediation-timeline.query';
import { HoldSessionCommand } from '../hold-session/hold-session.command';
import { HoldSessionRequest, holdSessionSchema } from '../hold-session/hold-session.schema';
import { ListMediationsQuery } from '../list-mediations/list-mediations.query';
import { ListMediationsRequest, listMediationsSchema } from '../list-mediations/list-mediations.schema';
import { ReachAgreementCommand } from '../reach-agreement/reach-agreement.command';
import { ReachAgreementRequest, reachAgreementSchema } from '../reach-agreement/reach-agreement.schema';
import { RecordJudicialConfirmationCommand } from '../record-judicial-confirmation/record-judicial-confirmation.command';
import {
  RecordJudicialConfirmationRequest,
  recordJudicialConfirmationSchema,
} from '../record-judicial-confirmation/record-judicial-confirmation.schema';
import { ReferMediationCommand } from '../refer-mediation/refer-mediation.command';
import { ReferMediationRequest, referMediationSchema } from '../refer-mediation/refer-mediation.schema';
import { WithdrawMediationCommand } from '../withdraw-mediation/withdraw-mediation.command';
import { WithdrawMediationRequest, withdrawMediationSchema } from '../withdraw-mediation/withdraw-mediation.schema';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { mediationDetailSchema, mediationPageSchema, mediationTimelineSchema } from './mediations.responses';

const mediationId = z.uuid('must be the id (uuid) of a mediation');

/*
 * Who may do what: mediators record referrals and work mediations (sessions, extension, agreement,
 * judicial confirmation, failure, withdrawal); supervisors read and assign mediators; admins
 * everything; informants nothing. Within a role, each mediation is only seen by those in its scope
 * (its sub-district, or its mediator); others get 404, as if it did not exist.
 */
@ApiTags('mediations')
@ApiBearerAuth()
@Controller('mediations')
export class MediationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** A court referred a case before filing it (诉前调解): the 30-day mediation period starts on referredOn. */
  @Post()
  @Allow('admin', 'mediator')
  @Describe('Records a court’s referral (诉前调解)', 'The 30-day mediation period starts on referredOn. A court case number referred already answers 409 `duplicate` naming that mediation. A mediator recording it is assigned to it unless `assignToMe: false`.', { command: 'create' })
  @ZodResponse(201, writtenSchema, 'Recorded', { etag: true, location: true })
  @ProblemResponsesWithDuplicate(400, 401, 403, 415, 422)
  refer(
    @ZodBody(referMediationSchema) body: ReferMediationRequest,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.commands.execute(new ReferMediationCommand(body, meta));
  }

  @Get()
  @ReadsModels('mediations')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Lists pre-litigation mediations in the caller’s scope', 'Filter by status, sub-district, mediator (`mediatorId=me`), court case number, period and text; sort with `sort`. Workers are masked.')
  @ZodResponse(200, mediationPageSchema, 'One page of mediations', { fresh: true })
  @ProblemResponses(400, 401, 403)
  list(@ZodQuery(listMediationsSchema) query: ListMediationsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListMediationsQuery(query, actor));
  }

  /** From the mediation's own stream: current even before the list catches up. */
  @Get(':id')
  @ReadsModels(FROM_EVENT_STREAM)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('One mediation', 'Folded from its own events, with its deadlines: current even before the list catches up.')
  @ZodResponse(200, mediationDetailSchema, 'The mediation', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  get(@ZodParam('id', mediationId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetMediationQuery(id, actor));
  }

  @Get(':id/timeline')
  // The events are the stream's (current); the actors' names come from the accounts read model, which may lag.
  @ReadsModels(FROM_EVENT_STREAM, 'accounts')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('The mediation’s history', 'Every event in order, with the actor’s name and role; personal data masked. `freshness` is the accounts read model’s, which names the actors.')
  @ZodResponse(200, mediationTimelineSchema, 'The mediation’s events', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  timeline(@ZodParam('id', mediationId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetMediationTimelineQuery(id, actor));
  }

  @Post(':id/assignments')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Assigns a mediator to the mediation', 'Supervisors assign and reassign within their scope; a mediator may take an unassigned mediation of their sub-district. The mediator is notified.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Assigned', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  assign(
    @ZodParam('id', mediationId) id: string,
    @ZodBody(assignMediationMediatorSchema) body: AssignMediationMediatorRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new AssignMediationMediatorCommand(id, body, meta));
  }

  @Post(':id/sessions')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Records a mediation session', 'In person, by phone or video, within the mediation period.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Recorded', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  holdSession(
    @ZodParam('id', mediationId) id: string,
    @ZodBody(holdSessionSchema) body: HoldSessionRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new HoldSessionCommand(id, body, meta));
  }

  /** Both parties agreed to extend the period, once, by at most 30 days. */
  @Post(':id/extension')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Extends the mediation period', 'Once, by at most 30 days, when both parties agreed.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Extended', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  extend(
    @ZodParam('id', mediationId) id: string,
    @ZodBody(extendMediationSchema) body: ExtendMediationRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new ExtendMediationCommand(id, body, meta));
  }

  @Post(':id/agreement')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Records the agreement', 'The amount (integer fen), the day and the payment terms; the 30-day window for judicial confirmation starts.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Agreed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  reachAgreement(
    @ZodParam('id', mediationId) id: string,
    @ZodBody(reachAgreementSchema) body: ReachAgreementRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new ReachAgreementCommand(id, body, meta));
  }

  @Post(':id/judicial-confirmation')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Records a step of judicial confirmation', 'Applied (within 30 days of the agreement), then granted or refused by the court.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Recorded', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  recordJudicialConfirmation(
    @ZodParam('id', mediationId) id: string,
    @ZodBody(recordJudicialConfirmationSchema) body: RecordJudicialConfirmationRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new RecordJudicialConfirmationCommand(id, body, meta));
  }

  /** No agreement: the case returns to the court for filing. */
  @Post(':id/failure')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Records that the mediation failed', 'No agreement: the case returns to the court for filing.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Recorded', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  fail(
    @ZodParam('id', mediationId) id: string,
    @ZodBody(failMediationSchema) body: FailMediationRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new FailMediationCommand(id, body, meta));
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Records the withdrawal', 'The parties withdrew; with the day and a reason.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Recorded', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  withdraw(
    @ZodParam('id', mediationId) id: string,
    @ZodBody(withdrawMediationSchema) body: WithdrawMediationRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new WithdrawMediationCommand(id, body, meta));
  }
}
