import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, ProblemResponses, ProblemResponsesWithDuplicate, RequestMeta, writtenSchema, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
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
import { disputeDetailSchema, disputePageSchema, disputeTimelineSchema, openedDisputeSchema } from './disputes.responses';

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
  @Describe('Opens a dispute case', 'In the caller’s scope. A mediator opening a case is assigned to it unless `assignToMe: false`. The case number is allocated per sub-district and year. An open case of the same employer with overlapping claimants answers 409 `duplicate` naming that case (`existing.caseNo`, `existing.matchedBy`) unless `confirmDuplicate: true`.', { command: 'create' })
  @ZodResponse(201, openedDisputeSchema, 'The case opened, with its number', { etag: true, location: true })
  @ProblemResponsesWithDuplicate(400, 401, 403, 415, 422)
  open(
    @ZodBody(openDisputeSchema) body: OpenDisputeRequest,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.commands.execute(new OpenDisputeCommand(body, meta));
  }

  @Get()
  @ReadsModels('dispute-cases')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Lists dispute cases in the caller’s scope', 'Filter by status, sub-district, category, channel, mediator (`mediatorId=me`), employer, opening period and text; sort with `sort`. Claimants are masked.')
  @ZodResponse(200, disputePageSchema, 'One page of cases', { fresh: true })
  @ProblemResponses(400, 401, 403)
  list(@ZodQuery(listDisputesSchema) query: ListDisputesRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListDisputesQuery(query, actor));
  }

  /** From the case's own stream: current even before the list catches up. */
  @Get(':id')
  @ReadsModels(FROM_EVENT_STREAM)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('One dispute case', 'Folded from the case’s own events: current even before the lists catch up. Claimants’ numbers in full for those who may see personal data.')
  @ZodResponse(200, disputeDetailSchema, 'The case', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  get(@ZodParam('id', disputeId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetDisputeQuery(id, actor));
  }

  @Get(':id/timeline')
  // The events are the stream's (current); the actors' names come from the accounts read model, which may lag.
  @ReadsModels(FROM_EVENT_STREAM, 'accounts')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('The case’s history', 'Every event in order, with the actor’s name and role; personal data masked. `freshness` is the accounts read model’s, which names the actors.')
  @ZodResponse(200, disputeTimelineSchema, 'The case’s events', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  timeline(@ZodParam('id', disputeId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetDisputeTimelineQuery(id, actor));
  }

  @Post(':id/assignments')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Assigns a mediator to the case', 'Supervisors assign and reassign within their scope; a mediator may take an unassigned case of their sub-district (naming themselves). The mediator is notified.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Assigned', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  assign(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(assignMediatorSchema) body: AssignMediatorRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new AssignMediatorCommand(id, body, meta));
  }

  @Post(':id/steps')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Logs a step of the work on the case', 'A contact, site visit, negotiation session, evidence or note; the first negotiation session starts the 15-day mediation clock.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Logged', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  logStep(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(logStepSchema) body: LogStepRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new LogStepCommand(id, body, meta));
  }

  @Post(':id/recoveries')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Records money recovered for the workers', 'While the case is open, or up to 30 days after its resolution. Integer fen.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Recorded', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  recordRecovery(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(recordRecoverySchema) body: RecordRecoveryRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new RecordRecoveryCommand(id, body, meta));
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Resolves the case', 'With its outcome and day (not in the future, not before the opening).', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Resolved', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  resolve(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(resolveDisputeSchema) body: ResolveDisputeRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new ResolveDisputeCommand(id, body, meta));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Allow('admin', 'supervisor')
  @Describe('Reopens a resolved case', 'With a reason; `reopenedOn` may be back-dated, not into the future nor before the resolution.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Reopened', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  reopen(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(reopenDisputeSchema) body: ReopenDisputeRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new ReopenDisputeCommand(id, body, meta));
  }

  /** The count of workers involved changed; reaching 30 makes it a group dispute. */
  @Post(':id/workers-involved')
  @HttpCode(200)
  @Allow('admin', 'mediator')
  @Describe('Changes the number of workers involved', 'Reaching 30 flags the case as a group dispute (and notifies the supervisors); it stays flagged.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Changed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  changeWorkersInvolved(
    @ZodParam('id', disputeId) id: string,
    @ZodBody(changeWorkersInvolvedSchema) body: ChangeWorkersInvolvedRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new ChangeWorkersInvolvedCommand(id, body, meta));
  }
}
