import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CreatedAt, CurrentActor, Describe, ProblemResponses, ProblemResponsesWithDuplicate, RequestMeta, writtenSchema, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { ConvertAlertCommand } from '../convert-alert/convert-alert.command';
import { ConvertAlertRequest, convertAlertSchema } from '../convert-alert/convert-alert.schema';
import { GetAlertQuery } from '../get-alert/get-alert.query';
import { ListAlertsQuery, ListMyAlertsQuery } from '../list-alerts/list-alerts.query';
import { ListAlertsRequest, ListMyAlertsRequest, listAlertsSchema, listMyAlertsSchema } from '../list-alerts/list-alerts.schema';
import { SubmitAlertCommand } from '../submit-alert/submit-alert.command';
import { SubmitAlertRequest, submitAlertSchema } from '../submit-alert/submit-alert.schema';
import { TriageAlertCommand, TriageStep } from '../triage-alert/triage-alert.command';
import {
  AcknowledgeAlertRequest,
  DismissAlertRequest,
  EscalateAlertRequest,
  VerifyAlertRequest,
  acknowledgeAlertSchema,
  dismissAlertSchema,
  escalateAlertSchema,
  verifyAlertSchema,
} from '../triage-alert/triage-alert.schema';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { alertAnswerSchema, alertPageSchema, convertedAlertSchema, informantAlertPageSchema, submittedAlertSchema } from './alerts.responses';

const alertId = z.uuid('must be the id (uuid) of an alert');

/*
 * Who may do what: informants submit alerts in their own sub-district and see their own (the
 * list at /mine, each at /{id}; anyone else's is 404); the triage desk (mediators, supervisors,
 * admins) lists, reads and works the alerts of its scope. Records outside the caller's scope are
 * answered 404, as if they did not exist.
 */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Requires an Idempotency-Key: a phone on a bad network resends, and every resend must be the same alert. */
  @Post()
  @Allow('informant')
  @Describe('Submits an alert (预警)', 'By an informant, about an enterprise they cover. Requires an Idempotency-Key: every resend of a phone on a bad network is the same alert. Graded at once by the "123" model.', { command: 'create' })
  @ZodResponse(201, submittedAlertSchema, 'Submitted and graded', { etag: true, location: true })
  @ProblemResponses(400, 401, 403, 409, 415, 422)
  submit(
    @ZodBody(submitAlertSchema) body: SubmitAlertRequest,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.commands.execute(new SubmitAlertCommand(body, meta));
  }

  @Get()
  @ReadsModels('alerts')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Lists alerts in the caller’s scope', 'Filter by status, `grade`, sub-district, the mediator who picked it up (`mediatorId=me`), enterprise, overdue, escalated and period; sort with `sort`.')
  @ZodResponse(200, alertPageSchema, 'One page of alerts', { fresh: true })
  @ProblemResponses(400, 401, 403)
  list(@ZodQuery(listAlertsSchema) query: ListAlertsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListAlertsQuery(query, actor));
  }

  /** Declared before :id, which would otherwise take "mine" for an id. */
  @Get('mine')
  @ReadsModels('alerts')
  @Allow('informant')
  @Describe('The informant’s own alerts', 'Newest first, as the informant may see them (no grade points, no staff notes).')
  @ZodResponse(200, informantAlertPageSchema, 'One page of the caller’s alerts', { fresh: true })
  @ProblemResponses(400, 401, 403)
  mine(@ZodQuery(listMyAlertsSchema) query: ListMyAlertsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListMyAlertsQuery(query, actor));
  }

  /** From the alert's own stream: current even before the list catches up. */
  @Get(':id')
  @ReadsModels(FROM_EVENT_STREAM)
  @Allow('admin', 'supervisor', 'mediator', 'informant')
  @Describe('One alert', 'Staff see the alerts of their scope in full; an informant sees their own, as InformantAlert. Folded from the alert’s own events.')
  @ZodResponse(200, alertAnswerSchema, 'The alert', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  get(@ZodParam('id', alertId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetAlertQuery(id, actor));
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Acknowledges the alert (picks it up)', 'Stops its pick-up clock.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Acknowledged', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  acknowledge(
    @ZodParam('id', alertId) id: string,
    @ZodBody(acknowledgeAlertSchema) _body: AcknowledgeAlertRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.triage(id, { type: 'AcknowledgeAlert' }, meta);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Records that the alert was verified', 'With a note of what was found.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Verified', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  verify(
    @ZodParam('id', alertId) id: string,
    @ZodBody(verifyAlertSchema) body: VerifyAlertRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.triage(id, { type: 'VerifyAlert', ...body }, meta);
  }

  @Post(':id/dismissal')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Dismisses the alert', 'With a reason; a dismissed alert is closed.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Dismissed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  dismiss(
    @ZodParam('id', alertId) id: string,
    @ZodBody(dismissAlertSchema) body: DismissAlertRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.triage(id, { type: 'DismissAlert', ...body }, meta);
  }

  /** To the supervisors of the alert's sub-district, who are notified. */
  @Post(':id/escalation')
  @HttpCode(200)
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Escalates the alert to the supervisors', 'With a note; the supervisors in scope are notified.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Escalated', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  escalate(
    @ZodParam('id', alertId) id: string,
    @ZodBody(escalateAlertSchema) body: EscalateAlertRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.triage(id, { type: 'EscalateAlert', ...body }, meta);
  }

  /** → 201 with the new dispute case {id, caseNo, version} (the ETag is the case's); If-Match is the alert's version. */
  @Post(':id/conversion')
  @CreatedAt('disputes/:id')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Turns the alert into a dispute case (预警转案)', 'Answers the new case (its ETag is the case’s); If-Match is the alert’s version. An alert becomes at most one case; an open case of the employer with a claimant in common answers 409 `duplicate` naming it unless `confirmDuplicate: true`.', { command: 'change' })
  @ZodResponse(201, convertedAlertSchema, 'The case opened from the alert', { etag: true, location: true })
  @ProblemResponsesWithDuplicate(400, 401, 403, 404, 412, 415, 422)
  convert(
    @ZodParam('id', alertId) id: string,
    @ZodBody(convertAlertSchema) body: ConvertAlertRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new ConvertAlertCommand(id, body, meta));
  }

  private triage(id: string, step: TriageStep, meta: CommandMeta) {
    return this.commands.execute(new TriageAlertCommand(id, step, meta));
  }
}
