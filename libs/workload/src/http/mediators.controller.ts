import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, Describe, ProblemResponses, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { ListMediatorsQuery } from '../list-mediators/list-mediators.query';
import { ListMediatorsRequest, listMediatorsSchema } from '../list-mediators/list-mediators.schema';
import { ReadsModels } from '@lc/projections';
import { mediatorPageSchema } from '../workload.schemas';

@ApiTags('work')
@ApiBearerAuth()
@Controller('mediators')
export class MediatorsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  // The accounts (who), and each one's workload: open cases, open mediations, running clocks.
  @ReadsModels('accounts', 'dispute-cases', 'mediations', 'clocks')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe(
    'Mediators in the caller’s scope, with their workload',
    'For assigning work: a supervisor of the district sees every sub-district’s mediators, of a sub-district its own; a mediator those of their sub-district. ' +
      'Each with open cases, open mediations, and statutory clocks overdue and due soon. Active mediators only unless `active=false` or `all`.',
  )
  @ZodResponse(200, mediatorPageSchema, 'One page of mediators, by sub-district and name', { fresh: true })
  @ProblemResponses(400, 401, 403)
  list(@ZodQuery(listMediatorsSchema) query: ListMediatorsRequest, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new ListMediatorsQuery(query, actor));
  }
}
