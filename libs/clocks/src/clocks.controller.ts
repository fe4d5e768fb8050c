import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { accountRef, Allow, CurrentActor, dateSchema, Describe, instantSchema, pageQueryFields, pageSchemaOf, ProblemResponses, sortQueryField, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { creditCodeSchema, subDistrictSchema } from '@lc/reference-data';
import { CLOCK_KINDS } from './clock-rules';
import { CLOCK_SORT_COLUMNS, ListClocksQuery } from './list-clocks/list-clocks.query';
import { ReadsModels } from '@lc/projections';

const listClocks = z.strictObject({
  status: z.enum(['overdue', 'due_soon']).optional(),
  kind: z.enum(CLOCK_KINDS).optional(),
  subDistrict: subDistrictSchema.optional(),
  sort: sortQueryField(CLOCK_SORT_COLUMNS, 'deadlineAt'),
  /** The mediator the clock's record is assigned to, or `me`. */
  mediatorId: accountRef('must be the id (uuid) of a mediator account, or me').optional(),
  /** The employer's unified social credit code (exact): the clocks of that employer's records. */
  creditCode: creditCodeSchema.optional(),
  ...pageQueryFields,
});

const clockSchema = z
  .object({
    clockId: z.string(),
    kind: z.enum(CLOCK_KINDS),
    subject: z.object({ kind: z.string().meta({ example: 'mediation' }), stream: z.string(), id: z.string().meta({ description: 'the record’s id, for its detail route' }) }),
    reference: z.string().nullable().meta({ description: 'the case number or the court’s case number (null for an alert)' }),
    employerName: z.string().nullable(),
    employerCreditCode: z.string().nullable().meta({ description: 'the employer’s unified social credit code' }),
    subDistrict: z.string().nullable(),
    assignedTo: z.uuid().nullable().meta({ description: 'the mediator the record is assigned to' }),
    startedOn: dateSchema,
    lastDay: dateSchema.meta({ description: 'the last whole day the law allows (China Standard Time)' }),
    deadlineAt: instantSchema,
    remindAt: instantSchema,
    overdue: z.boolean(),
    daysLeft: z.number().int().meta({ description: 'whole days to the deadline, rounded up; 0 or less when overdue' }),
  })
  .meta({ title: 'Clock' });

@ApiTags('clocks')
@ApiBearerAuth()
@Controller('clocks')
export class ClocksController {
  constructor(private readonly queries: QueryBus) {}

  /** Running statutory clocks with their deadlines: overdue work, and work due soon. */
  @Get()
  @ReadsModels('clocks')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('Running statutory clocks', 'With their deadlines: overdue work (`status=overdue`) and work due soon (`due_soon`). Mediators see the clocks of their own work, supervisors those of their scope; `mediatorId=me` and sort like every list.')
  @ZodResponse(200, pageSchemaOf(clockSchema, 'ClockPage'), 'One page of clocks', { fresh: true })
  @ProblemResponses(400, 401, 403)
  list(@ZodQuery(listClocks) query: z.output<typeof listClocks>, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListClocksQuery(query, actor));
  }
}
