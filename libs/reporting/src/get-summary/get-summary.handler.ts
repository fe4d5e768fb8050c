import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { reportScope } from '../shared/scope';
import { StatisticsReader } from '../summary/statistics-reader';
import { Summary } from '../summary/summary';
import { GetSummaryQuery } from './get-summary.query';

@QueryHandler(GetSummaryQuery)
export class GetSummaryHandler implements IQueryHandler<GetSummaryQuery, Summary> {
  constructor(private readonly reader: StatisticsReader) {}

  execute({ request, actor }: GetSummaryQuery): Promise<Summary> {
    const scope = reportScope(actor, request.subDistrict);
    return this.reader.summary({ from: request.from, to: request.to }, scope);
  }
}
