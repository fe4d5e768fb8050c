import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { accountRef, Allow, AuthenticatedActor, CurrentActor, pageQueryFields, sortQueryField, ZodQuery } from '@lc/http';
import { subDistrictSchema } from '@lc/reference-data';
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
  ...pageQueryFields,
});

@ApiTags('clocks')
@ApiBearerAuth()
@Controller('clocks')
export class ClocksController {
  constructor(private readonly queries: QueryBus) {}

  /** Running statutory clocks with their deadlines: overdue work, and work due soon. */
  @Get()
  @ReadsModels('clocks')
  @Allow('admin', 'supervisor', 'mediator')
  list(@ZodQuery(listClocks) query: z.output<typeof listClocks>, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListClocksQuery(query, actor));
  }
}
