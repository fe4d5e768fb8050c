import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, Describe, ProblemResponses, ZodResponse } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { GetMyWorkQuery } from '../my-work/get-my-work.query';
import { ReadsModels } from '@lc/projections';
import { myWorkSchema } from '../workload.schemas';

@ApiTags('work')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly queries: QueryBus) {}

  @Get('work')
  @ReadsModels('dispute-cases', 'mediations', 'clocks')
  @Allow('mediator')
  @Describe(
    'A mediator’s work in hand, most urgent first',
    'The open dispute cases and pre-litigation mediations assigned to the caller (and agreed mediations while the judicial-confirmation window runs), ' +
      'each with its most pressing running statutory clock: overdue first, then due soon, then by deadline, then the oldest. From the read models: a change shows once the worker has applied it.',
  )
  @ZodResponse(200, myWorkSchema, 'The caller’s work', { fresh: true })
  @ProblemResponses(401, 403)
  work(@CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new GetMyWorkQuery(actor));
  }
}
