import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@lc/decider';
import { DISPUTE_CATEGORIES, labelsOf, Localized } from '@lc/reference-data';
import { Period, resolvePeriod } from '../shared/period';
import { reportScope } from '../shared/scope';
import { StatisticsReader } from '../summary/statistics-reader';
import { buildSummary, Summary } from '../summary/summary';
import { GetByCategoryQuery } from './get-by-category.query';

export interface ByCategory {
  period: Period;
  subDistrict: string | null;
  /** Dispute categories in their customary order; complaints and alerts have no category. */
  items: Array<{ category: string; name: Localized; disputes: Summary['disputes']; mediations: Summary['mediations'] }>;
}

@QueryHandler(GetByCategoryQuery)
export class GetByCategoryHandler implements IQueryHandler<GetByCategoryQuery, ByCategory> {
  constructor(
    private readonly reader: StatisticsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request, actor }: GetByCategoryQuery): Promise<ByCategory> {
    const scope = reportScope(actor, request.subDistrict);
    const period = resolvePeriod(request, this.clock.now());
    const counters = await this.reader.counters([{ key: 'period', period }], { subDistrict: scope, groupBy: ['category'] });
    return {
      period,
      subDistrict: scope,
      items: DISPUTE_CATEGORIES.map((category) => {
        const summary = buildSummary(period, scope, counters.filter((c) => c.category === category));
        return { category, name: labelsOf('disputeCategories', category), disputes: summary.disputes, mediations: summary.mediations };
      }),
    };
  }
}
