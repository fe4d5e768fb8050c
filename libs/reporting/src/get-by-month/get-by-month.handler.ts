import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@lc/decider';
import { currentYear, monthPeriod, monthsOf, yearPeriod } from '../shared/period';
import { reportScope } from '../shared/scope';
import { StatisticsReader } from '../summary/statistics-reader';
import { Summary } from '../summary/summary';
import { GetByMonthQuery } from './get-by-month.query';

export interface ByMonth {
  subDistrict: string | null;
  /** One summary per month, in order, months without records included (all zeros). */
  months: Array<Summary & { month: string }>;
}

@QueryHandler(GetByMonthQuery)
export class GetByMonthHandler implements IQueryHandler<GetByMonthQuery, ByMonth> {
  constructor(
    private readonly reader: StatisticsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request, actor }: GetByMonthQuery): Promise<ByMonth> {
    const scope = reportScope(actor, request.subDistrict);
    const months = request.period
      ? monthsOf(request.period)
      : request.from !== undefined && request.to !== undefined
        ? monthsOf({ from: monthPeriod(request.from).from, to: monthPeriod(request.to).to })
        : monthsOf(yearPeriod(request.year ?? currentYear(this.clock.now())));
    const summaries = await this.reader.summaries(
      months.map((month) => ({ key: month, period: monthPeriod(month) })),
      { subDistrict: scope },
    );
    return {
      subDistrict: scope,
      months: summaries.map((s) => ({ month: s.key, ...s.summary })),
    };
  }
}
