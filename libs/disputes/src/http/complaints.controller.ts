import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CreatedAt, CurrentActor, Describe, ProblemResponses, ProblemResponsesWithDuplicate, RequestMeta, writtenSchema, ZodBody, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { ConvertComplaintCommand } from '../convert-complaint/convert-complaint.command';
import { ConvertComplaintRequest, convertComplaintSchema } from '../convert-complaint/convert-complaint.schema';
import { GetComplaintQuery } from '../get-complaint/get-complaint.query';
import { HandleComplaintCommand } from '../handle-complaint/handle-complaint.command';
import { HandleComplaintRequest, handleComplaintSchema } from '../handle-complaint/handle-complaint.schema';
import { ListComplaintsQuery } from '../list-complaints/list-complaints.query';
import { ListComplaintsRequest, listComplaintsSchema } from '../list-complaints/list-complaints.schema';
import { ReceiveComplaintCommand } from '../receive-complaint/receive-complaint.command';
import { ReceiveComplaintRequest, receiveComplaintSchema } from '../receive-complaint/receive-complaint.schema';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { complaintDetailSchema, complaintPageSchema, convertedComplaintSchema } from './disputes.responses';

const complaintId = z.uuid('must be the id (uuid) of a complaint');

/** Union staff (mediators, supervisors, admins) receive and handle complaints in their scope; informants do not. */
@ApiTags('complaints')
@ApiBearerAuth()
@Allow('admin', 'supervisor', 'mediator')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Describe('Receives a complaint', 'A 12351 work order, an online post or another complaint. A work-order number received already answers 409 `duplicate` naming that complaint.', { command: 'create' })
  @ZodResponse(201, writtenSchema, 'Received', { etag: true, location: true })
  @ProblemResponsesWithDuplicate(400, 401, 403, 415, 422)
  receive(
    @ZodBody(receiveComplaintSchema) body: ReceiveComplaintRequest,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.commands.execute(new ReceiveComplaintCommand(body, meta));
  }

  @Get()
  @ReadsModels('complaints')
  @Describe('Lists complaints in the caller’s scope', 'Filter by status, source, sub-district, mediator (`mediatorId=me`: the complaints the caller received, handled or converted), period and text; sort with `sort`.')
  @ZodResponse(200, complaintPageSchema, 'One page of complaints', { fresh: true })
  @ProblemResponses(400, 401, 403)
  list(@ZodQuery(listComplaintsSchema) query: ListComplaintsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListComplaintsQuery(query, actor));
  }

  @Get(':id')
  @ReadsModels(FROM_EVENT_STREAM)
  @Describe('One complaint', 'Folded from its own events, with the dispute case it became once converted.')
  @ZodResponse(200, complaintDetailSchema, 'The complaint', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  get(@ZodParam('id', complaintId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetComplaintQuery(id, actor));
  }

  @Post(':id/handling')
  @HttpCode(200)
  @Describe('Records that the complaint was handled', 'With a note and the day.', { command: 'change' })
  @ZodResponse(200, writtenSchema, 'Handled', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 412, 415, 422)
  handle(
    @ZodParam('id', complaintId) id: string,
    @ZodBody(handleComplaintSchema) body: HandleComplaintRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new HandleComplaintCommand(id, body, meta));
  }

  /** → 201 with the new dispute case {id, caseNo, version} (the ETag is the case's); If-Match is the complaint's version. */
  @Post(':id/conversion')
  @CreatedAt('disputes/:id')
  @Describe('Turns the complaint into a dispute case', 'Answers the new case (its ETag is the case’s); If-Match is the complaint’s version. A complaint becomes at most one case; an open case of the employer with a claimant in common answers 409 `duplicate` naming it unless `confirmDuplicate: true`.', { command: 'change' })
  @ZodResponse(201, convertedComplaintSchema, 'The case opened from the complaint', { etag: true, location: true })
  @ProblemResponsesWithDuplicate(400, 401, 403, 404, 412, 415, 422)
  convert(
    @ZodParam('id', complaintId) id: string,
    @ZodBody(convertComplaintSchema) body: ConvertComplaintRequest,
    @RequestMeta('change') meta: CommandMeta,
  ) {
    return this.commands.execute(new ConvertComplaintCommand(id, body, meta));
  }
}
