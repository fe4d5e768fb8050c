import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@lc/decider';
import { resolvePeriod } from '../shared/period';
import { reportScope } from '../shared/scope';
import { StatisticsReader } from '../summary/statistics-reader';
import { Summary } from '../summary/summary';
import { GetSummaryQuery } from './get-summary.query';

@QueryHandler(GetSummaryQuery)
export class GetSummaryHandler implements IQueryHandler<GetSummaryQuery, Summary> {
  constructor(
    private readonly reader: StatisticsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ request, actor }: GetSummaryQuery): Promise<Summary> {
    const scope = reportScope(actor, request.subDistrict);
    return this.reader.summary(resolvePeriod(request, this.clock.now()), scope);
  }
}
